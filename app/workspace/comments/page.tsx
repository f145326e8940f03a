import Link from "next/link";
import { CommentText } from "@/components/comments/ThreadCard";
import { pageUser } from "@/lib/auth/page";
import { myComments } from "@/lib/comments/read";

export const metadata = { title: "My comments" };

/** What became of each of my comments on published versions. */
export default async function MyCommentsPage() {
  const user = await pageUser("/workspace/comments");
  const comments = await myComments(user);
  return (
    <main>
      <h1>My comments</h1>
      {comments.length === 0 ? (
        <p className="empty">
          You have not commented on a published version yet. Open a theme&apos;s latest version from an event&apos;s public page,
          select words in a message and comment.
        </p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="my-comments">
          {comments.map((c) => (
            <li key={c.threadId} className="card">
              <p className="small muted">
                {c.event.name} · {c.theme.title} ·{" "}
                {c.version && (
                  <Link href={`/events/${c.event.slug}/${c.version.milestone}/${c.theme.slug}`}>
                    v{c.version.number} ({c.version.label})
                  </Link>
                )}{" "}
                · {new Date(c.createdAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })}{" "}
                UTC
              </p>
              <blockquote className="quote">{c.quote}</blockquote>
              {c.kind === "AMENDMENT" && c.proposedText !== null && (
                <div className="small" data-testid="my-amendment">
                  <span className="badge">{c.newMessage ? "Your new message" : "Your wording"}</span>
                  <p>{c.proposedText}</p>
                  {c.appliedText !== null && (
                    <p className="success">
                      Applied to the live draft{c.appliedText.trim() !== c.proposedText.trim() ? ` as: “${c.appliedText}”` : ""}.
                    </p>
                  )}
                </div>
              )}
              <p className="comment-body" dir="auto">
                <CommentText text={c.body} />
                {c.edited && <span className="badge">edited</span>}
                {c.hidden && <span className="badge warning">hidden by the secretariat</span>}
              </p>
              <p>
                <span className={`badge disposition-${c.disposition.toLowerCase()}`}>{c.dispositionLabel}</span>
                {c.replies > 0 && (
                  <span className="small muted">
                    {" "}
                    · {c.replies} {c.replies === 1 ? "reply" : "replies"}
                  </span>
                )}
              </p>
              {c.dispositionReply && (
                <p className="disposition-reply" dir="auto">
                  <strong>Reply:</strong> <CommentText text={c.dispositionReply} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
