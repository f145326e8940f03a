"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export interface MilestoneRow {
  slug: string;
  label: string;
  dueAt: string;
  dueLocal: string;
  publishedAt: string | null;
}

function viewerTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function ScheduleEditor(props: { event: string; timeZone: string; milestones: MilestoneRow[]; themes: string[] }) {
  const { event, timeZone, milestones, themes } = props;
  const next = milestones.find((m) => !m.publishedAt)?.slug;
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading" style={{ marginTop: 0 }}>
        Schedule
      </h2>
      <p className="muted small">Times are in the event&apos;s zone, {timeZone}; your own time is shown beside each.</p>
      <div className="stack">
        {milestones.map((m) => (
          <Form
            key={m.slug}
            className="row"
            aria-label={`${m.label} time`}
            onSubmit={(form) =>
              run(async () => {
                setSaved(null);
                await callApi("PUT", `/api/events/${event}/milestones/${m.slug}`, { local: form.get("local") });
                setSaved(m.label);
                router.refresh();
              })
            }
          >
            <label>
              {m.label}
              <input type="datetime-local" name="local" defaultValue={m.dueLocal} disabled={Boolean(m.publishedAt)} required />
            </label>
            <span className="muted small">
              {m.publishedAt ? `Published ${viewerTime(m.publishedAt)}` : `Your time: ${viewerTime(m.dueAt)}`}
              {m.slug === next && <span className="badge"> next</span>}
            </span>
            {!m.publishedAt && (
              <ClientButton type="submit" className="secondary" disabled={pending}>
                Save
              </ClientButton>
            )}
            {!m.publishedAt && (
              <ClientButton
                type="button"
                disabled={pending}
                onClick={() => {
                  const list = themes.map((t) => `• ${t}`).join("\n");
                  const message = `Publish ${m.label} now? This freezes a version of every theme document:\n${list}${m.slug === "final" ? "\n\nFinal also locks every document: editing ends." : ""}`;
                  if (!window.confirm(message)) return;
                  void run(async () => {
                    setSaved(null);
                    await callApi("POST", `/api/events/${event}/milestones/${m.slug}/publish`);
                    setPublished(m.label);
                    router.refresh();
                  });
                }}
              >
                Publish now
              </ClientButton>
            )}
          </Form>
        ))}
      </div>
      {saved && <p className="success">{saved} rescheduled.</p>}
      {published && <p className="success">{published} published.</p>}
      <ErrorText error={error} />
    </section>
  );
}
