import { ConfirmAddress } from "@/components/account/ConfirmAddress";
import { describeVerification } from "@/lib/accounts/verification";
import { DomainError, orDomainError } from "@/lib/errors";

export const metadata = { title: "Confirm your address" };

/** The page a confirmation link opens: opening it changes nothing; the button confirms (a POST). */
export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const verification = await orDomainError(describeVerification(token));
  return (
    <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 480 }}>
      <h1>Confirm your address</h1>
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
  );
}
