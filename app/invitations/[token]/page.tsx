import { getTranslations } from "next-intl/server";
import { InvitationAccept } from "@/components/account/InvitationAccept";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/session";
import { DomainError, orDomainError } from "@/lib/errors";
import { describeInvitation } from "@/lib/events/invitations";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("invitation");

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await orDomainError(describeInvitation(token));
  const t = await getTranslations("account");
  if (invitation instanceof DomainError) {
    return (
      <>
        <SiteHeader home="/" />
        <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 520 }}>
          <h1>{t("invitation")}</h1>
          <p className="notice error" data-testid="invitation-error">
            {invitation.message}
          </p>
        </main>
      </>
    );
  }
  const user = await currentUser();
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 520 }}>
        <h1>{t("join", { event: invitation.event.name })}</h1>
        <p>{t("invitedAs", { role: invitation.role })}</p>
        <div className="card">
          <InvitationAccept
            token={token}
            email={invitation.email}
            eventName={invitation.event.name}
            accountExists={invitation.accountExists}
            signedInAs={user?.email ?? null}
          />
        </div>
      </main>
    </>
  );
}
