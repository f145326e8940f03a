"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";
import { Form, textField } from "@/components/ui/Form";
import { ApiError, callApi, useAction } from "@/components/ui/api";
import { useTranslations } from "next-intl";

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
  const t = useTranslations("programmeManager");
  const errors = useTranslations("errors");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [badRows, setBadRows] = useState<BadRow[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  return (
    <section className="card" aria-labelledby="programme-heading">
      <h2 id="programme-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      <p>
        {t("count", { count: sessions })} <Link href={`/events/${event}/programme`}>{t("public")}</Link> ·{" "}
        <Link href={`/workspace/events/${event}/reports`}>{t("reports")}</Link>
      </p>
      {themes.map((theme) => (
        <details key={theme.id}>
          <summary>{t("subThemesOf", { title: theme.title })}</summary>
          <Form
            aria-label={t("subThemesLabel", { title: theme.title })}
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
              {t("onePerLine")}
              <textarea
                name="subThemes"
                rows={5}
                defaultValue={theme.subThemes.map((s) => (s.facilitator ? `${s.name} — ${s.facilitator}` : s.name)).join("\n")}
              />
            </label>
            <ClientButton type="submit" disabled={pending}>
              {t("saveSubThemes")}
            </ClientButton>
          </Form>
        </details>
      ))}
      <Form
        aria-label={t("import")}
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
            if (!response) throw new ApiError(errors("network"), 0, "network");
            const body = (await response.json().catch(() => ({}))) as { imported?: number; error?: string; errors?: BadRow[] };
            if (!response.ok) {
              setBadRows(body.errors ?? []);
              throw new ApiError(body.error ?? t("failed", { status: response.status }), response.status);
            }
            setImported(body.imported ?? 0);
            router.refresh();
          });
        }}
      >
        <p className="small muted">{t("csvHelp")}</p>
        <label>
          {t("csvFile")}
          <input type="file" name="file" accept=".csv,text/csv" />
        </label>
        <label>
          {t("paste")}
          <textarea name="csv" rows={5} />
        </label>
        <ClientButton type="submit" disabled={pending}>
          {t("import")}
        </ClientButton>
      </Form>
      <ErrorText error={error} />
      {badRows.length > 0 && (
        <ul className="notice error" data-testid="import-report">
          {badRows.map((row) => (
            <li key={row.line}>
              {row.title ? t("badRowTitled", { line: row.line, title: row.title }) : t("badRow", { line: row.line })}{" "}
              {row.message}
            </li>
          ))}
        </ul>
      )}
      {imported !== null && <p className="success">{t("imported", { count: imported })}</p>}
    </section>
  );
}
