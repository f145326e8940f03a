"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ErrorText } from "@/components/ui/ErrorText";
import { clearOfflineCopies } from "@/components/draft-editor/offline";
import { ClientButton } from "@/components/ui/ClientButton";
import { Form } from "@/components/ui/Form";
import { useTranslations } from "next-intl";

export function ChangePasswordForm() {
  const t = useTranslations("account");
  const { pending, error, run } = useAction();
  const [done, setDone] = useState(false);
  return (
    <Form
      className="stack"
      aria-label={t("changePassword")}
      onSubmit={(form) =>
        run(async () => {
          setDone(false);
          if (form.get("newPassword") !== form.get("repeat")) throw new Error(t("newPasswordsDiffer"));
          await callApi("POST", "/api/account/password", {
            currentPassword: form.get("currentPassword"),
            newPassword: form.get("newPassword"),
          });
          setDone(true);
        })
      }
    >
      <label>
        {t("currentPassword")}
        <input name="currentPassword" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {t("newPasswordHint")}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <label>
        {t("newPasswordAgain")}
        <input name="repeat" type="password" autoComplete="new-password" minLength={10} required />
      </label>
      <ErrorText error={error} />
      {done && <p className="success">{t("passwordChanged")}</p>}
      <div>
        <ClientButton type="submit" disabled={pending}>
          {t("changePassword")}
        </ClientButton>
      </div>
    </Form>
  );
}

export function SignOutEverywhereButton() {
  const t = useTranslations("account");
  const { pending, error, run } = useAction();
  return (
    <div className="stack">
      <div>
        <ClientButton
          type="button"
          className="danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(t("confirmSignOutEverywhere"))) return;
            void run(async () => {
              await callApi("POST", "/api/account/sign-out-everywhere");
              await clearOfflineCopies();
              await signOut({ callbackUrl: "/signin" });
            });
          }}
        >
          {t("signOutEverywhere")}
        </ClientButton>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
