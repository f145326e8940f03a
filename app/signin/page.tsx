import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser } from "@/lib/auth/session";
import { sameOriginPath } from "@/lib/http/redirects";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  // Only paths of this app are followed after sign-in.
  const callbackUrl = sameOriginPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  return (
    <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 420 }}>
      <h1>Sign in to Rapporteur</h1>
      <div className="card">
        <SignInForm callbackUrl={callbackUrl} initialEmail={params.email} />
      </div>
      <p className="muted small">
        No account yet? Rapporteurs and the secretariat are invited by the event&apos;s secretariat; a forgotten password is reset
        by a site admin.
      </p>
    </main>
  );
}
