import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/session";
import { sameOriginPath } from "@/lib/http/redirects";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("signIn");

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Only paths of this app are followed after sign-in.
  const callbackUrl = sameOriginPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("signIn");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 420 }}>
        <h1>{t("heading")}</h1>
        <div className="card">
          <SignInForm callbackUrl={callbackUrl} initialEmail={params.email} />
        </div>
        <p className="muted small">{t("noAccount")}</p>
      </main>
    </>
  );
}
