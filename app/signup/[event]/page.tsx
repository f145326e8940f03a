import { notFound } from "next/navigation";
import { SignupForm } from "@/components/account/SignupForm";
import { currentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const metadata = { title: "Sign up" };

export default async function SignupPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) notFound();
  const user = await currentUser();
  return (
    <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 460 }}>
      <h1>Take part in {event.name}</h1>
      {event.openSignup ? (
        <div className="card">
          <SignupForm event={event.slug} signedIn={Boolean(user)} />
        </div>
      ) : (
        <p className="notice">This event does not take sign-ups; ask its secretariat for an invitation.</p>
      )}
    </main>
  );
}
