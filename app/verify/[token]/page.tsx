import { getTranslations } from "next-intl/server";
import { ConfirmAddress } from "@/components/account/ConfirmAddress";
import { SiteHeader } from "@/components/SiteHeader";
import { describeVerification } from "@/lib/accounts/verification";
import { DomainError, orDomainError } from "@/lib/errors";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("confirmAddress");

/** The page a confirmation link opens: opening it changes nothing; the button confirms (a POST). */
export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const verification = await orDomainError(describeVerification(token));
  const t = await getTranslations("titles");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 480 }}>
        <h1>{t("confirmAddress")}</h1>
        <div className="card">
          {verification instanceof DomainError ? (
            <p className="notice error" role="alert">
              {verification.message}
            </p>
          ) : (
            <ConfirmAddress token={token} email={verification.email} eventName={verification.event?.name ?? null} />
          )}
        </div>
      </main>
    </>
  );
}
