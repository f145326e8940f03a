"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export interface ReportRow {
  id: string;
  title: string;
  theme: string;
  start: string;
  status: "missing" | "draft" | "submitted" | "updated";
  reporterIds: string[];
  remindedAt: string | null;
}

const STATUS = {
  missing: "No report",
  draft: "Draft, not submitted",
  submitted: "Submitted",
  updated: "Submitted, updated",
} as const;

/** The secretariat's view of session reports: who files each, which are missing, reminders by mail. */
export function ReportsManager({
  event,
  rows,
  members,
}: {
  event: string;
  rows: ReportRow[];
  members: { id: string; name: string; email: string }[];
}) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const missing = rows.filter((r) => r.status === "missing" || r.status === "draft");
  const remind = (sessionIds: string[]) =>
    run(async () => {
      setNotice(null);
      const result = await callApi<{ reminded: { title: string; reporters: number }[]; skipped: { reason: string }[] }>(
        "POST",
        `/api/events/${event}/reports/remind`,
        { sessionIds },
      );
      const sent = result.reminded.reduce((n, r) => n + r.reporters, 0);
      setNotice(
        `${sent} reminder${sent === 1 ? "" : "s"} sent for ${result.reminded.length} session${result.reminded.length === 1 ? "" : "s"}` +
          (result.skipped.length > 0
            ? `; ${result.skipped.length} skipped (${[...new Set(result.skipped.map((s) => s.reason))].join("; ")}).`
            : "."),
      );
      router.refresh();
    });
  if (rows.length === 0) return <p className="empty">No sessions yet: import the programme first.</p>;
  return (
    <div className="stack">
      <p>
        {missing.length} of {rows.length} sessions have no submitted report.{" "}
        {missing.length > 0 && (
          <button type="button" disabled={pending} onClick={() => void remind(missing.map((r) => r.id))}>
            Remind all their reporters
          </button>
        )}
      </p>
      <ErrorText error={error} />
      {notice && (
        <p className="success" role="status">
          {notice}
        </p>
      )}
      <table className="table" data-testid="reports-table">
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Theme</th>
            <th scope="col">Report</th>
            <th scope="col">Reporters</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`report-row-${row.id}`}>
              <td>
                <Link href={`/events/${event}/sessions/${row.id}`}>{row.title}</Link>
                <div className="small muted">{row.start.replace("T", " ")}</div>
              </td>
              <td>{row.theme}</td>
              <td>
                {STATUS[row.status]}
                {row.remindedAt && (
                  <div className="small muted">
                    reminded {new Date(row.remindedAt).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })}
                  </div>
                )}
              </td>
              <td>
                <ReporterPicker event={event} row={row} members={members} />
              </td>
              <td className="stack">
                <Link href={`/workspace/events/${event}/sessions/${row.id}/report`}>Open report</Link>
                {(row.status === "missing" || row.status === "draft") && (
                  <button type="button" disabled={pending || row.reporterIds.length === 0} onClick={() => void remind([row.id])}>
                    Remind
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReporterPicker({
  event,
  row,
  members,
}: {
  event: string;
  row: ReportRow;
  members: { id: string; name: string; email: string }[];
}) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [chosen, setChosen] = useState(row.reporterIds);
  const changed = chosen.length !== row.reporterIds.length || chosen.some((id) => !row.reporterIds.includes(id));
  return (
    <div className="stack">
      <select
        multiple
        aria-label={`Reporters of ${row.title}`}
        value={chosen}
        size={Math.min(4, Math.max(2, members.length))}
        onChange={(e) => setChosen([...e.target.selectedOptions].map((o) => o.value))}
      >
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name} ({m.email})
          </option>
        ))}
      </select>
      {changed && (
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              await callApi("PUT", `/api/events/${event}/sessions/${row.id}/reporters`, { userIds: chosen });
              router.refresh();
            })
          }
        >
          Save reporters
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
