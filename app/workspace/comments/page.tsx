import Link from "next/link";
import { CommentText } from "@/components/comments/ThreadCard";
import { pageUser } from "@/lib/auth/page";
import { myComments } from "@/lib/comments/read";
import { getWhen, titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("myComments");

/** What became of each of my comments on published versions. */
export default async function MyCommentsPage() {
  const user = await pageUser("/workspace/comments");
  const comments = await myComments(user);
  const [t, d, when] = await Promise.all([getTranslations("myComments"), getTranslations("dispositions"), getWhen()]);
  return (
    <main>
      <h1>{t("heading")}</h1>
      {comments.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="my-comments">
          {comments.map((c) => (
            <li key={c.threadId} className="card">
              <p className="small muted">
                {c.event.name} · {c.theme.title} ·{" "}
                {c.version && (
                  <Link href={`/events/${c.event.slug}/${c.version.milestone}/${c.theme.slug}`}>
                    {t("version", { number: c.version.number, label: c.version.label })}
                  </Link>
                )}{" "}
                · {when(c.createdAt, c.event.timeZone)} ({c.event.timeZone})
              </p>
              <blockquote className="quote">{c.quote}</blockquote>
              {c.kind === "AMENDMENT" && c.proposedText !== null && (
                <div className="small" data-testid="my-amendment">
                  <span className="badge">{c.newMessage ? t("yourNewMessage") : t("yourWording")}</span>
                  <p>{c.proposedText}</p>
                  {c.appliedText !== null && (
                    <p className="success">
                      {c.appliedText.trim() !== c.proposedText.trim() ? t("appliedAs", { text: c.appliedText }) : t("applied")}
                    </p>
                  )}
                </div>
              )}
              <p className="comment-body" dir="auto">
                <CommentText text={c.body} />
                {c.edited && <span className="badge">{t("edited")}</span>}
                {c.hidden && <span className="badge warning">{t("hidden")}</span>}
              </p>
              <p>
                <span className={`badge disposition-${c.disposition.toLowerCase()}`}>
                  {d("label", { disposition: c.disposition })}
                </span>
                {c.replies > 0 && <span className="small muted"> · {t("replies", { count: c.replies })}</span>}
              </p>
              {c.dispositionReply && (
                <p className="disposition-reply" dir="auto">
                  <strong>{t("reply")}</strong> <CommentText text={c.dispositionReply} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
