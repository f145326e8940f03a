"use client";

import { Form, textField } from "@/components/ui/Form";
import { ClientButton } from "@/components/ui/ClientButton";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

interface Props {
  token: string;
  email: string;
  eventName: string;
  accountExists: boolean;
  signedInAs: string | null;
}

export function InvitationAccept({ token, email, eventName, accountExists, signedInAs }: Props) {
  const t = useTranslations("account");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const here = `/invitations/${token}`;

  if (accountExists) {
    if (signedInAs !== email) {
      return (
        <div className="stack">
          {signedInAs && <p className="notice">{t("signedInAsOther", { signedInAs, email })}</p>}
          <p>{t("accountExists", { email })}</p>
          <p>
            <Link href={`/signin?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`}>
              {t("signInAs", { email })}
            </Link>
          </p>
        </div>
      );
    }
    return (
      <div className="stack">
        <ErrorText error={error} />
        <div>
          <ClientButton
            type="button"
            disabled={pending}
            onClick={() =>
              void run(async () => {
                const result = await callApi<{ event: string }>("POST", `/api/invitations/${token}/accept`);
                router.push(`/workspace/events/${result.event}`);
                router.refresh();
              })
            }
          >
            {t("join", { event: eventName })}
          </ClientButton>
        </div>
      </div>
    );
  }

  return (
    <Form
      className="stack"
      aria-label={t("createYourAccount")}
      onSubmit={(form) =>
        run(async () => {
          const password = textField(form, "password");
          if (password !== form.get("repeat")) throw new Error(t("passwordsDiffer"));
          const result = await callApi<{ event: string }>("POST", `/api/invitations/${token}/register`, {
            name: form.get("name"),
            password,
          });
          await signIn("credentials", { email, password, redirect: false });
          router.push(`/workspace/events/${result.event}`);
          router.refresh();
        })
      }
    >
      <p>{t.rich("createFor", { email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
      <label>
        {t("yourNameHint")}
        <input name="name" required autoComplete="name" />
      </label>
      <label>
        {t("passwordHint")}
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <label>
        {t("passwordAgain")}
        <input name="repeat" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <ErrorText error={error} />
      <div>
        <ClientButton type="submit" disabled={pending}>
          {pending ? t("creating") : t("createAndJoin")}
        </ClientButton>
      </div>
    </Form>
  );
}
