"use client";

import { signOut } from "next-auth/react";
import { ClientButton } from "@/components/ui/ClientButton";
import { clearOfflineCopies } from "@/components/draft-editor/offline";

export function SignOutButton() {
  return (
    <ClientButton
      type="button"
      className="secondary"
      onClick={() => void clearOfflineCopies().then(() => signOut({ callbackUrl: "/signin" }))}
    >
      Sign out
    </ClientButton>
  );
}
