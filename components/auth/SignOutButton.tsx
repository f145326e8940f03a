"use client";

import { signOut } from "next-auth/react";
import { ClientButton } from "@/components/ui/ClientButton";
import { clearOfflineCopies } from "@/components/draft-editor/offline";

export function SignOutButton() {
  return (
    <ClientButton
      type="button"
      className="secondary"
      onClick={async () => {
        await clearOfflineCopies();
        await signOut({ callbackUrl: "/signin" });
      }}
    >
      Sign out
    </ClientButton>
  );
}
