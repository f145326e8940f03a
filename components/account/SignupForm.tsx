"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function SignupForm({ event, signedIn }: { event: string; signedIn: boolean }) {
  const t = useTranslations("account");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const [sent, setSent] = useState<string | null>(null);
  const done = () => {
    router.push(`/workspace/events/${event}`);
    router.refresh();
  };
  if (signedIn) {
    return (
      <div className="stack">
        <ErrorText error={error} />
        <div>
          <ClientButton
            type="button"
            disabled={pending}
            onClick={() => void run(async () => (await callApi("POST", `/api/events/${event}/signup`), done()))}
          >
            {t("joinAsParticipant")}
          </ClientButton>
        </div>
      </div>
    );
  }
  if (sent) {
    return (
      <p className="notice" role="status" data-testid="signup-sent">
        {sent}
      </p>
    );
  }
  return (
    <Form
      className="stack"
      aria-label={t("signUpAsParticipant")}
      onSubmit={(form) =>
        run(async () => {
          const email = textField(form, "email");
          const password = textField(form, "password");
          await callApi("POST", `/api/events/${event}/signup`, {
            email,
            name: form.get("name"),
            password,
          });
          setSent(t("signupSent", { email }));
        })
      }
    >
      <label>
        {t("nameHint")}
        <input name="name" required autoComplete="name" />
      </label>
      <label>
        {t("email")}
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        {t("passwordHint")}
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {t("signUp")}
        </ClientButton>
      </div>
    </Form>
  );
}
