"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import Link from "next/link";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("account");
  const { pending, error, run } = useAction();
  const [email, setEmail] = useState<string | null>(null);
  if (email) {
    return (
      <p className="success">
        {t("passwordSet")} <Link href={`/signin?email=${encodeURIComponent(email)}`}>{t("signIn")}</Link>
      </p>
    );
  }
  return (
    <Form
      className="stack"
      aria-label={t("chooseNewPassword")}
      onSubmit={(form) =>
        run(async () => {
          const password = textField(form, "password");
          if (password !== form.get("repeat")) throw new Error(t("passwordsDiffer"));
          const result = await callApi<{ email: string }>("POST", `/api/password-resets/${token}`, { password });
          setEmail(result.email);
        })
      }
    >
      <label>
        {t("newPasswordHint")}
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <label>
        {t("newPasswordAgain")}
        <input name="repeat" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {t("setPassword")}
        </ClientButton>
      </div>
    </Form>
  );
}
