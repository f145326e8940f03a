import type { DomainError } from "@/lib/errors";
import { useTranslations } from "next-intl";

/** A page the viewer may not see: the reason, in one sentence. */
export function NotAvailable({ error }: { error: DomainError }) {
  const t = useTranslations("common");
  return (
    <main>
      <h1>{t("notAvailable")}</h1>
      <p className="notice error">{error.message}</p>
    </main>
  );
}
