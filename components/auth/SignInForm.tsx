"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function SignInForm({ callbackUrl, initialEmail = "" }: { callbackUrl: string; initialEmail?: string }) {
  const t = useTranslations("signIn");
  const errors = useTranslations("errors");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: textField(form, "email"),
      password: textField(form, "password"),
      redirect: false,
    }).catch(() => null);
    setPending(false);
    if (!result) return setError(errors("network"));
    if (result.error) return setError(result.error === "CredentialsSignin" ? t("wrongCredentials") : result.error);
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <Form className="stack" onSubmit={submit} aria-label={t("formLabel")}>
      <label>
        {t("email")}
        <input name="email" type="email" autoComplete="username" required defaultValue={initialEmail} />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {pending ? t("pending") : t("submit")}
        </ClientButton>
      </div>
    </Form>
  );
}
