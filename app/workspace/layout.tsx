import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { currentUser } from "@/lib/auth/session";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/workspace");
  return (
    <>
      <header className="site">
        <Link className="brand" href="/workspace">
          Rapporteur
        </Link>
        <nav aria-label="Workspace">
          <Link href="/workspace">Home</Link>
          <Link href="/workspace/comments">My comments</Link>
          {user.siteAdmin && <Link href="/workspace/admin">Site admin</Link>}
          <Link href="/workspace/account" data-testid="account-link">
            {user.name}
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <div id="content" tabIndex={-1} className="content-target">
        {children}
      </div>
    </>
  );
}
