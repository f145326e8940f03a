import { InvitationAccept } from "@/components/account/InvitationAccept";
import { currentUser } from "@/lib/auth/session";
import { DomainError, orDomainError } from "@/lib/errors";
import { describeInvitation } from "@/lib/events/invitations";

export const metadata = { title: "Invitation" };

const ROLE = { SECRETARIAT: "the secretariat", RAPPORTEUR: "a rapporteur", PARTICIPANT: "a participant" } as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await orDomainError(describeInvitation(token));
  if (invitation instanceof DomainError) {
    return (
      <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 520 }}>
        <h1>Invitation</h1>
        <p className="notice error" data-testid="invitation-error">
          {invitation.message}
        </p>
      </main>
    );
  }
  const user = await currentUser();
  return (
    <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 520 }}>
      <h1>Join {invitation.event.name}</h1>
      <p>You are invited as {ROLE[invitation.role]}.</p>
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
  );
}
