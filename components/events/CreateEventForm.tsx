"use client";

import { Form } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function CreateEventForm() {
  const t = useTranslations("eventForm");
  const router = useRouter();
  const { pending, error, run } = useAction();
  return (
    <Form
      className="stack"
      aria-label={t("create")}
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
          {t("name")}
          <input name="name" required placeholder={t("namePlaceholder")} />
        </label>
        <label>
          {t("slug")}
          <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="igf-2026" />
        </label>
      </div>
      <div className="row">
        <label>
          {t("place")}
          <input name="place" placeholder={t("placePlaceholder")} />
        </label>
        <label>
          {t("timeZone")}
          <input name="timeZone" required defaultValue="Europe/Berlin" />
        </label>
      </div>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {pending ? t("creating") : t("submit")}
        </ClientButton>
      </div>
    </Form>
  );
}
