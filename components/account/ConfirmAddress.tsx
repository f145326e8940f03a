"use client";

import Link from "next/link";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function ConfirmAddress({ token, email, eventName }: { token: string; email: string; eventName: string | null }) {
  const t = useTranslations("account");
  const { pending, error, run } = useAction();
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <p className="success" role="status">
        {eventName ? t("confirmedJoined", { event: eventName }) : t("confirmed")}{" "}
        <Link href={`/signin?email=${encodeURIComponent(email)}`}>{t("signIn")}</Link>
      </p>
    );
  }
  return (
    <div className="stack">
      <p>
        {t.rich(eventName ? "confirmThatFor" : "confirmThat", {
          email,
          event: eventName ?? "",
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <ErrorText error={error} />
      <div>
        <ClientButton
          type="button"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              await callApi("POST", `/api/verifications/${token}`);
              setDone(true);
            })
          }
        >
          {t("confirmMine")}
        </ClientButton>
      </div>
    </div>
  );
}
