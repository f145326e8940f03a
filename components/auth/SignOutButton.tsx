"use client";

import { signOut } from "next-auth/react";
import { ClientButton } from "@/components/ui/ClientButton";
import { clearOfflineCopies } from "@/components/draft-editor/offline";
import { useTranslations } from "next-intl";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <ClientButton
      type="button"
      className="secondary"
      onClick={() => void clearOfflineCopies().then(() => signOut({ callbackUrl: "/signin" }))}
    >
      {t("signOut")}
    </ClientButton>
  );
}
