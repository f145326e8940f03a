"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";
import { Form, textField } from "@/components/ui/Form";
import { ApiError, callApi, useAction } from "@/components/ui/api";

interface BadRow {
  line: number;
  title: string;
  message: string;
}

/**
 * The secretariat's programme tools: each theme's sub-themes, and importing
 * sessions from CSV (all rows or none, with a report naming each bad row).
 */
export function ProgrammeManager({
  event,
  sessions,
  themes,
}: {
  event: string;
  sessions: number;
  themes: { id: string; title: string; subThemes: { name: string; facilitator: string }[] }[];
}) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [badRows, setBadRows] = useState<BadRow[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  return (
    <section className="card" aria-labelledby="programme-heading">
      <h2 id="programme-heading" style={{ marginTop: 0 }}>
        Programme
      </h2>
      <p>
        {sessions === 0 ? "No sessions yet." : `${sessions} session${sessions === 1 ? "" : "s"}.`}{" "}
        <Link href={`/events/${event}/programme`}>Public programme</Link> ·{" "}
        <Link href={`/workspace/events/${event}/reports`}>Reports and reporters</Link>
      </p>
      {themes.map((theme) => (
        <details key={theme.id}>
          <summary>Sub-themes of “{theme.title}”</summary>
          <Form
            aria-label={`Sub-themes of ${theme.title}`}
            onSubmit={(form) =>
              run(async () => {
                const list = textField(form, "subThemes")
                  .split(/\r?\n/)
                  .map((l) => l.trim())
                  .filter(Boolean)
                  .map((l) => {
                    const [name, facilitator = ""] = l.split(/\s+[—–-]\s+/);
                    return { name: name.trim(), facilitator: facilitator.trim() };
                  });
                await callApi("PUT", `/api/events/${event}/themes/${theme.id}/sub-themes`, list);
                router.refresh();
              })
            }
          >
            <label>
              One per line: name — facilitator
              <textarea
                name="subThemes"
                rows={5}
                defaultValue={theme.subThemes.map((s) => (s.facilitator ? `${s.name} — ${s.facilitator}` : s.name)).join("\n")}
              />
            </label>
            <ClientButton type="submit" disabled={pending}>
              Save sub-themes
            </ClientButton>
          </Form>
        </details>
      ))}
      <Form
        aria-label="Import sessions"
        onSubmit={(form) => {
          setBadRows([]);
          setImported(null);
          return run(async () => {
            const file = form.get("file");
            const csv = file instanceof File && file.size > 0 ? await file.text() : textField(form, "csv");
            // One request: a refused file comes back with the report of its bad rows.
            const response = await fetch(`/api/events/${event}/sessions/import`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ csv }),
            }).catch(() => null);
            if (!response) throw new ApiError("The server could not be reached; check your connection and try again.", 0);
            const body = (await response.json().catch(() => ({}))) as { imported?: number; error?: string; errors?: BadRow[] };
            if (!response.ok) {
              setBadRows(body.errors ?? []);
              throw new ApiError(body.error ?? `The import failed (${response.status}).`, response.status);
            }
            setImported(body.imported ?? 0);
            router.refresh();
          });
        }}
      >
        <p className="small muted">
          CSV with a header row: title, type, date (2019-11-26), start and end (09:30) in the event&apos;s time zone, and
          optionally room, theme (its address), sub_themes (separated by ;), organisers and rapporteurs (&quot;Name (Organisation,
          Country, Stakeholder group); …&quot;), link, description, agenda.
        </p>
        <label>
          CSV file
          <input type="file" name="file" accept=".csv,text/csv" />
        </label>
        <label>
          or paste it
          <textarea name="csv" rows={5} />
        </label>
        <ClientButton type="submit" disabled={pending}>
          Import sessions
        </ClientButton>
      </Form>
      <ErrorText error={error} />
      {badRows.length > 0 && (
        <ul className="notice error" data-testid="import-report">
          {badRows.map((row) => (
            <li key={row.line}>
              Line {row.line}
              {row.title ? ` (“${row.title}”)` : ""}: {row.message}
            </li>
          ))}
        </ul>
      )}
      {imported !== null && <p className="success">{imported} sessions imported.</p>}
    </section>
  );
}
