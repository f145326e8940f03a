"use client";

import { useRouter } from "next/navigation";
import { callApi, useAction } from "@/components/ui/api";
import { ClientButton } from "@/components/ui/ClientButton";
import { ErrorText } from "@/components/ui/ErrorText";

/** A site admin's actions on someone else's account: revoke site admin, deactivate (each confirmed first). */
export function AccountActions({ userId, email, siteAdmin }: { userId: string; email: string; siteAdmin: boolean }) {
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
            onClick={() => act(`Take site-admin rights away from ${email}?`, "DELETE", `/api/admin/users/${userId}/site-admin`)}
          >
            Revoke site admin
          </ClientButton>
        )}
        <ClientButton
          type="button"
          className="danger"
          disabled={pending}
          onClick={() =>
            act(
              `Deactivate ${email}? They are signed out everywhere and can no longer sign in; their words and comments stay.`,
              "POST",
              `/api/admin/users/${userId}/deactivate`,
            )
          }
        >
          Deactivate
        </ClientButton>
      </div>
      <ErrorText error={error} />
    </div>
  );
}
