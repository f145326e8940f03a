import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** A workspace page the viewer may not see (HTTP 403). */
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
