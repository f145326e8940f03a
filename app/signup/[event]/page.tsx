import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { SignupForm } from "@/components/account/SignupForm";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/session";
import { liveEvent } from "@/lib/events/views";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("signUp");

export default async function SignupPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const event = await liveEvent(slug);
  if (!event) notFound();
  const user = await currentUser();
  const t = await getTranslations("account");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 460 }}>
        <h1>{t("takePart", { event: event.name })}</h1>
        {event.openSignup ? (
          <div className="card">
            <SignupForm event={event.slug} signedIn={Boolean(user)} />
          </div>
        ) : (
          <p className="notice">{t("noSignups")}</p>
        )}
      </main>
    </>
  );
}
