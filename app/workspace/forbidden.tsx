import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * A workspace page the viewer may not see: `forbidden()` answers 403 with
 * this in its place. It takes no props, and Next renders it ahead of the page
 * that refuses, so it cannot carry that refusal's own sentence (the API does:
 * `error` and `code`).
 */
export default async function Forbidden() {
  const t = await getTranslations("common");
  return (
    <main>
      <h1>{t("notAvailable")}</h1>
      <p className="notice error" data-testid="access-refused">
        {t("forbidden")}
      </p>
      <p>
        <Link href="/workspace">{t("backToWorkspace")}</Link>
      </p>
    </main>
  );
}
