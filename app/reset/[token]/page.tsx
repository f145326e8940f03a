import { getTranslations } from "next-intl/server";
import { ResetPasswordForm } from "@/components/account/ResetPasswordForm";
import { SiteHeader } from "@/components/SiteHeader";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("resetPassword");

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("account");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 420 }}>
        <h1>{t("chooseNewPassword")}</h1>
        <div className="card">
          <ResetPasswordForm token={token} />
        </div>
      </main>
    </>
  );
}
