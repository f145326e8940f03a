"use client";

import { ClientButton } from "@/components/ui/ClientButton";
import { useState } from "react";
import { callApi, useAction } from "@/components/ui/api";
import { CopyLink } from "@/components/ui/CopyLink";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

export function ResetLinkButton({ userId, email }: { userId: string; email: string }) {
  const t = useTranslations("admin");
  const { pending, error, run } = useAction();
  const [url, setUrl] = useState<string | null>(null);
  return (
    <div className="stack">
      <div>
        <ClientButton
          type="button"
          className="secondary"
          disabled={pending}
          onClick={() =>
            void run(async () => {
              const { reset } = await callApi<{ reset: { url: string } }>("POST", `/api/admin/users/${userId}/password-reset`);
              setUrl(reset.url);
            })
          }
        >
          {t("resetLink")}
        </ClientButton>
      </div>
      <ErrorText error={error} />
      {url && <CopyLink label={t("resetLinkFor", { email })} url={url} />}
    </div>
  );
}
