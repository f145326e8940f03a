"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";

export function CreateEventForm() {
  const router = useRouter();
  const { pending, error, run } = useAction();
  return (
    <Form
      className="stack"
      aria-label="Create an event"
      onSubmit={(form) =>
        run(async () => {
          const body = Object.fromEntries(form.entries());
          const { event } = await callApi<{ event: { slug: string } }>("POST", "/api/events", body);
          router.push(`/workspace/events/${event.slug}`);
        })
      }
    >
      <div className="row">
        <label>
          Name
          <input name="name" required placeholder="IGF 2026" />
        </label>
        <label>
          Address (slug)
          <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="igf-2026" />
        </label>
      </div>
      <div className="row">
        <label>
          Place
          <input name="place" placeholder="Berlin" />
        </label>
        <label>
          Time zone
          <input name="timeZone" required defaultValue="Europe/Berlin" />
        </label>
      </div>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create event"}
        </ClientButton>
      </div>
    </Form>
  );
}
