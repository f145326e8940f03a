import { forbidden, notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { DomainError } from "@/lib/errors";

/**
 * A page that cannot be shown: 404 where what was asked for is not there, 403
 * where the viewer may not see it (app/workspace/forbidden.tsx), and any other
 * refusal (a wrong filter, say) as its sentence in place of the page.
 */
export async function NotAvailable({ error }: { error: DomainError }) {
  if (error.status === 404) notFound();
  if (error.status === 401 || error.status === 403) forbidden();
  const t = await getTranslations("common");
  return (
    <main>
      <h1>{t("notAvailable")}</h1>
      <p className="notice error" data-testid="access-refused">
        {error.message}
      </p>
    </main>
  );
}
