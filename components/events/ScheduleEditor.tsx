"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useWhen } from "@/components/ui/When";
import { useHydrated } from "@/components/ui/hydrated";
import { useTranslations } from "next-intl";

export interface MilestoneRow {
  slug: string;
  label: string;
  dueAt: string;
  dueLocal: string;
  publishedAt: string | null;
}

export function ScheduleEditor(props: { event: string; timeZone: string; milestones: MilestoneRow[]; themes: string[] }) {
  const { event, timeZone, milestones, themes } = props;
  const next = milestones.find((m) => !m.publishedAt)?.slug;
  const t = useTranslations("schedule");
  const when = useWhen();
  // The reader's own zone, beside the event's: someone preparing remotely sees both.
  // In the browser only: the server does not know the reader's zone, and both renders must agree.
  const hydrated = useHydrated();
  const viewerTime = (iso: string) => when(iso, hydrated ? undefined : timeZone);
  // The milestones' names in the reader's language (published versions keep the label they were frozen with).
  const label = (m: MilestoneRow) => t("milestone", { slug: m.slug.replace(/-/g, "") });
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      <p className="muted small">{t("help", { zone: timeZone })}</p>
      <div className="stack">
        {milestones.map((m) => (
          <Form
            key={m.slug}
            className="row"
            aria-label={t("timeOf", { label: label(m) })}
            onSubmit={(form) =>
              run(async () => {
                setSaved(null);
                await callApi("PUT", `/api/events/${event}/milestones/${m.slug}`, { local: form.get("local") });
                setSaved(label(m));
                router.refresh();
              })
            }
          >
            <label>
              {label(m)}
              <input type="datetime-local" name="local" defaultValue={m.dueLocal} disabled={Boolean(m.publishedAt)} required />
            </label>
            <span className="muted small">
              {m.publishedAt
                ? t("publishedAt", { when: viewerTime(m.publishedAt) })
                : t("yourTime", { when: viewerTime(m.dueAt) })}
              {m.slug === next && <span className="badge"> {t("next")}</span>}
            </span>
            {!m.publishedAt && (
              <ClientButton type="submit" className="secondary" disabled={pending}>
                {t("save")}
              </ClientButton>
            )}
            {!m.publishedAt && (
              <ClientButton
                type="button"
                disabled={pending}
                onClick={() => {
                  const list = themes.map((theme) => `• ${theme}`).join("\n");
                  const message = t("confirmPublish", { label: label(m), list, final: m.slug === "final" ? "yes" : "no" });
                  if (!window.confirm(message)) return;
                  void run(async () => {
                    setSaved(null);
                    await callApi("POST", `/api/events/${event}/milestones/${m.slug}/publish`);
                    setPublished(label(m));
                    router.refresh();
                  });
                }}
              >
                {t("publishNow")}
              </ClientButton>
            )}
          </Form>
        ))}
      </div>
      {saved && <p className="success">{t("rescheduled", { label: saved })}</p>}
      {published && <p className="success">{t("published", { label: published })}</p>}
      <ErrorText error={error} />
    </section>
  );
}
