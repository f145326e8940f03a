import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/SiteHeader";

/** Public pages: no sign-in needed. */
export default async function PublicLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("nav");
  return (
    <>
      <SiteHeader home="/" navLabel={t("site")} nav={<Link href="/workspace">{t("workspace")}</Link>} />
      <div id="content" tabIndex={-1} className="content-target">
        {children}
      </div>
    </>
  );
}
