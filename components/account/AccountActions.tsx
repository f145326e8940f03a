"use client";

import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";
import { useTranslations } from "next-intl";

/** A site admin's actions on someone else's account: revoke site admin, deactivate (each confirmed first). */
export function AccountActions({ userId, email, siteAdmin }: { userId: string; email: string; siteAdmin: boolean }) {
  const t = useTranslations("admin");
  const router = useRouter();
  const { pending, error, run } = useAction();
  const act = (question: string, method: string, path: string) => {
    if (!window.confirm(question)) return;
    void run(async () => {
      await callApi(method, path);
      router.refresh();
    });
  };
  return (
    <div className="stack">
      <div className="row">
        {siteAdmin && (
          <ClientButton
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() => act(t("confirmRevoke", { email }), "DELETE", `/api/admin/users/${userId}/site-admin`)}
          >
            {t("revoke")}
          </ClientButton>
        )}
        <ClientButton
          type="button"
          className="danger"
          disabled={pending}
          onClick={() => act(t("confirmDeactivate", { email }), "POST", `/api/admin/users/${userId}/deactivate`)}
        >
          {t("deactivate")}
        </ClientButton>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
