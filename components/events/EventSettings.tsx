"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

interface Settings {
  name: string;
  place: string;
  timeZone: string;
  openSignup: boolean;
  participantsWatchDrafts: boolean;
  messagesMethod: string;
}

export function EventSettings({ event, settings }: { event: string; settings: Settings }) {
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [saved, setSaved] = useState(false);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading" style={{ marginTop: 0 }}>
        Settings
      </h2>
      <Form
        className="stack"
        aria-label="Event settings"
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
            Name
            <input name="name" defaultValue={settings.name} required />
          </label>
          <label>
            Place
            <input name="place" defaultValue={settings.place} />
          </label>
          <label>
            Time zone
            <input name="timeZone" defaultValue={settings.timeZone} required />
          </label>
        </div>
        <label className="inline">
          <input type="checkbox" name="openSignup" defaultChecked={settings.openSignup} /> Open participant sign-up (anyone may
          join as a participant at <code>/signup/{event}</code>)
        </label>
        <label className="inline">
          <input type="checkbox" name="participantsWatchDrafts" defaultChecked={settings.participantsWatchDrafts} /> Participants
          may watch the live drafts (read-only)
        </label>
        <label>
          How the messages were developed (shown with the message set and in its booklets; a blank line starts a new paragraph)
          <textarea name="messagesMethod" rows={6} defaultValue={settings.messagesMethod} />
        </label>
        <ErrorText error={error} />
        {saved && <p className="success">Settings saved.</p>}
        <div>
          <ClientButton type="submit" disabled={pending}>
            Save settings
          </ClientButton>
        </div>
      </Form>
    </section>
  );
}
