import { config } from "@/lib/config";
import Link from "next/link";
import { CommentText } from "@/components/comments/ThreadCard";
import { outbox } from "@/lib/mail/send";
import { getWhen, titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("outbox");

/**
 * Mail the app wrote instead of sending, because no SMTP_URL is set (the
 * embedded demo): confirmation links, invitations, password resets. Site
 * admins only: these links open accounts.
 */
export default async function OutboxPage() {
  // The layout (app/workspace/admin/layout.tsx) has refused anyone but a site admin.
  const mails = await outbox();
  const [t, when] = await Promise.all([getTranslations("admin"), getWhen()]);
  return (
    <main>
      <p className="small">
        <Link href="/workspace/admin">← {t("heading")}</Link>
      </p>
      <h1>{t("outbox")}</h1>
      <p className="muted">{config().SMTP_URL ? t("outboxSmtp") : t("outboxNoSmtp")}</p>
      {mails.length === 0 ? (
        <p className="notice">{t("outboxEmpty")}</p>
      ) : (
        <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
          {mails.map((mail) => (
            <li key={mail.id} className="card" data-testid="outbox-mail">
              <p className="small muted">
                {t.rich("mailTo", {
                  to: mail.to,
                  when: when(mail.createdAt, "UTC"),
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
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
