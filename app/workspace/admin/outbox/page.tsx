import Link from "next/link";
import { CommentText } from "@/components/comments/ThreadCard";
import { outbox } from "@/lib/mail/send";

export const metadata = { title: "Outbox" };

/**
 * Mail the app wrote instead of sending, because no SMTP_URL is set (the
 * embedded demo): confirmation links, invitations, password resets. Site
 * admins only: these links open accounts.
 */
export default async function OutboxPage() {
  // The layout (app/workspace/admin/layout.tsx) has refused anyone but a site admin.
  const mails = await outbox();
  return (
    <main>
      <p className="small">
        <Link href="/workspace/admin">← Site admin</Link>
      </p>
      <h1>Outbox</h1>
      <p className="muted">
        {process.env.SMTP_URL
          ? "Mail is sent through SMTP_URL; only mail that could not be delivered is kept here."
          : "No SMTP_URL is set, so mail is kept here instead of sent. Pass the links on by hand."}
      </p>
      {mails.length === 0 ? (
        <p className="notice">The outbox is empty.</p>
      ) : (
        <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
          {mails.map((mail) => (
            <li key={mail.id} className="card" data-testid="outbox-mail">
              <p className="small muted">
                To <strong>{mail.to}</strong>, {mail.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
              </p>
              <h2 style={{ fontSize: "1.05rem" }}>{mail.subject}</h2>
              <p style={{ whiteSpace: "pre-wrap" }}>
                <CommentText text={mail.text} />
              </p>
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
