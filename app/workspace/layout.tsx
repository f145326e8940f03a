import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/session";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/workspace");
  const t = await getTranslations("nav");
  return (
    <>
      <SiteHeader
        home="/workspace"
        navLabel={t("workspaceLabel")}
        nav={
          <>
            <Link href="/workspace">{t("home")}</Link>
            <Link href="/workspace/comments">{t("myComments")}</Link>
            {user.siteAdmin && <Link href="/workspace/admin">{t("siteAdmin")}</Link>}
          </>
        }
        tools={
          <>
            <Link href="/workspace/account" data-testid="account-link">
              {user.name}
            </Link>
            <SignOutButton />
          </>
        }
      />
      <div id="content" tabIndex={-1} className="content-target">
        {children}
      </div>
    </>
  );
}
