import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/SiteHeader";

/** Any address that leads nowhere, in the reader's language. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target">
        <h1>{t("heading")}</h1>
        <p>{t("text")}</p>
        <p>
          <Link href="/">{t("home")}</Link>
        </p>
      </main>
    </>
  );
}
