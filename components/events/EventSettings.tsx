"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

interface Settings {
  name: string;
  place: string;
  timeZone: string;
  openSignup: boolean;
  participantsWatchDrafts: boolean;
  messagesMethod: string;
}

export function EventSettings({ event, settings }: { event: string; settings: Settings }) {
  const t = useTranslations("eventForm");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading" style={{ marginTop: 0 }}>
        {t("settings")}
      </h2>
      <Form
        className="stack"
        aria-label={t("settingsLabel")}
        onSubmit={(form) =>
          run(async () => {
            setSaved(false);
            await callApi("PATCH", `/api/events/${event}`, {
              name: form.get("name"),
              place: form.get("place"),
              timeZone: form.get("timeZone"),
              openSignup: form.get("openSignup") === "on",
              participantsWatchDrafts: form.get("participantsWatchDrafts") === "on",
              messagesMethod: form.get("messagesMethod"),
            });
            setSaved(true);
            router.refresh();
          })
        }
      >
        <div className="row">
          <label>
            {t("name")}
            <input name="name" defaultValue={settings.name} required />
          </label>
          <label>
            {t("place")}
            <input name="place" defaultValue={settings.place} />
          </label>
          <label>
            {t("timeZone")}
            <input name="timeZone" defaultValue={settings.timeZone} required />
          </label>
        </div>
        <label className="inline">
          <input type="checkbox" name="openSignup" defaultChecked={settings.openSignup} />{" "}
          {t.rich("openSignup", { path: () => <code>/signup/{event}</code> })}
        </label>
        <label className="inline">
          <input type="checkbox" name="participantsWatchDrafts" defaultChecked={settings.participantsWatchDrafts} />{" "}
          {t("watchDrafts")}
        </label>
        <label>
          {t("method")}
          <textarea name="messagesMethod" rows={6} defaultValue={settings.messagesMethod} />
        </label>
        <ErrorText error={error} />
        {saved && <p className="success">{t("saved")}</p>}
        <div>
          <ClientButton type="submit" disabled={pending}>
            {t("save")}
          </ClientButton>
        </div>
      </Form>
    </section>
  );
}
