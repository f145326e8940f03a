"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useWhen } from "@/components/ui/When";
import { useTranslations } from "next-intl";

export interface ReportRow {
  id: string;
  title: string;
  theme: string;
  start: string;
  status: "missing" | "draft" | "submitted" | "updated";
  reporterIds: string[];
  remindedAt: string | null;
}

/** The secretariat's view of session reports: who files each, which are missing, reminders by mail. */
export function ReportsManager({
  event,
  timeZone,
  rows,
  members,
}: {
  event: string;
  timeZone: string;
  rows: ReportRow[];
  members: { id: string; name: string; email: string }[];
}) {
  const t = useTranslations("reports");
  const when = useWhen();
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
        t("reminded", {
          sent,
          sessions: result.reminded.length,
          skipped: result.skipped.length,
          reasons: [...new Set(result.skipped.map((s) => s.reason))].join("; "),
        }),
      );
      router.refresh();
    });
  if (rows.length === 0) return <p className="empty">{t("noSessions")}</p>;
  return (
    <div className="stack">
      <p>
        {t("missing", { missing: missing.length, total: rows.length })}{" "}
        {missing.length > 0 && (
          <button type="button" disabled={pending} onClick={() => void remind(missing.map((r) => r.id))}>
            {t("remindAll")}
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
            <th scope="col">{t("session")}</th>
            <th scope="col">{t("theme")}</th>
            <th scope="col">{t("report")}</th>
            <th scope="col">{t("reporters")}</th>
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`report-row-${row.id}`}>
              <td>
                <Link href={`/events/${event}/sessions/${row.id}`}>{row.title}</Link>
                <div className="small muted">{when(row.start, timeZone)}</div>
              </td>
              <td>{row.theme}</td>
              <td>
                {t("status", { status: row.status })}
                {row.remindedAt && (
                  <div className="small muted">{t("remindedAt", { when: when(row.remindedAt, timeZone, "short") })}</div>
                )}
              </td>
              <td>
                <ReporterPicker event={event} row={row} members={members} />
              </td>
              <td className="stack">
                <Link href={`/workspace/events/${event}/sessions/${row.id}/report`}>{t("open")}</Link>
                {(row.status === "missing" || row.status === "draft") && (
                  <button type="button" disabled={pending || row.reporterIds.length === 0} onClick={() => void remind([row.id])}>
                    {t("remind")}
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
  const t = useTranslations("reports");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [chosen, setChosen] = useState(row.reporterIds);
  const changed = chosen.length !== row.reporterIds.length || chosen.some((id) => !row.reporterIds.includes(id));
  return (
    <div className="stack">
      <select
        multiple
        aria-label={t("reportersOf", { title: row.title })}
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
          {t("saveReporters")}
        </button>
      )}
      <ErrorText error={error} />
    </div>
  );
}
