import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page";

/** Every site-admin page: signed in, and a site admin, or a refusal in place of the page. */
export default async function SiteAdminLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("/workspace/admin");
  if (!user.siteAdmin) {
    const t = await getTranslations("admin");
    return (
      <main>
        <p className="notice error">{t("onlyAdmins")}</p>
      </main>
    );
  }
  return children;
}
