import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";

/**
 * The bar at the top of every page: the name, the navigation next to it at the
 * start of the line (the right in Arabic), and at the end the account's
 * controls and the language switcher.
 */
export async function SiteHeader(props: { home: string; navLabel?: string; nav?: ReactNode; tools?: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <header className="site">
      <Link className="brand" href={props.home}>
        {t("brand")}
      </Link>
      {props.nav && <nav aria-label={props.navLabel}>{props.nav}</nav>}
      <div className="site-tools">
        {props.tools}
        <LocaleSwitcher />
      </div>
    </header>
  );
}
