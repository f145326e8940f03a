import { parseFrozen } from "@/lib/publishing/render";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/DocumentView";
import { FrontMatterView, PolicyQuestionsView } from "@/components/FrontMatterView";
import { MessageSources, SessionsAnnex } from "@/components/MessageSources";
import { CommentingNote, MessageThreads, VersionCommenting } from "@/components/comments/VersionComments";
import { currentUser } from "@/lib/auth/session";
import { versionThreads } from "@/lib/comments/read";
import { amendmentTextOf } from "@/lib/comments/amend";
import { messagePlainText } from "@/lib/documents/text";
import { findVersion } from "@/lib/publishing/public";
import { eventBySlug } from "@/lib/events/views";
import { When } from "@/components/ui/When";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

/** One published version (or the latest one, at …/latest/…), with its hash and exports. */
export default async function VersionPage({ params }: { params: Promise<{ event: string; milestone: string; theme: string }> }) {
  const { event: eventSlug, milestone, theme } = await params;
  const version = await findVersion(eventSlug, milestone, theme);
  if (!version) notFound();
  const event = await eventBySlug(eventSlug);
  const frozen = parseFrozen(version.canonicalJson);
  const api = `/api/public/versions/${version.id}`;
  const t = await getTranslations("versionPage");
  const file = `${eventSlug}-${theme}-v${version.number}.json`;
  const user = await currentUser();
  const comments = await versionThreads(user, version.id);
  const here = `/events/${eventSlug}/${milestone}/${theme}`;
  const byMessage = new Map<string, typeof comments.threads>();
  for (const thread of comments.threads) byMessage.set(thread.messageId, [...(byMessage.get(thread.messageId) ?? []), thread]);
  return (
    <main>
      <p className="small no-print">
        <Link href={`/events/${eventSlug}`}>← {event.name}</Link>
      </p>
      <h1>{frozen.title}</h1>
      <p data-testid="version-meta">
        <strong>{version.label}</strong> ·{" "}
        {t.rich("meta", {
          number: version.number,
          zone: event.timeZone,
          when: () => <When iso={version.createdAt} zone={event.timeZone} style="full" />,
        })}
      </p>
      {frozen.frontMatter && <FrontMatterView frontMatter={frozen.frontMatter} title={frozen.title} />}
      <VersionCommenting
        versionId={version.id}
        canStart={comments.canStart}
        why={comments.why}
        signInHref={user ? null : `/signin?callbackUrl=${encodeURIComponent(here)}`}
        quotes={comments.threads.flatMap((t) =>
          t.start !== null && t.end !== null ? [{ messageId: t.messageId, start: t.start, end: t.end }] : [],
        )}
        joinHref={user && !comments.member && event.openSignup ? `/signup/${eventSlug}` : null}
      >
        <CommentingNote />
        <DocumentView
          lang={frozen.language ?? "en"}
          doc={frozen.content}
          afterMessage={(messageId, message) => (
            <>
              <MessageSources value={message.attrs.sources} frozen={frozen} />
              <MessageThreads
                messageId={messageId}
                threads={byMessage.get(messageId) ?? []}
                text={amendmentTextOf(message)}
                plain={messagePlainText(message)}
              />
            </>
          )}
        />
      </VersionCommenting>
      {frozen.frontMatter && <PolicyQuestionsView questions={frozen.frontMatter.questions} />}
      <SessionsAnnex frozen={frozen} />
      <section className="card small no-print" style={{ marginTop: "2rem" }}>
        <h2 style={{ marginTop: 0 }}>{t("downloadVerify")}</h2>
        <p>
          <a href={`${api}?format=json&download=1`}>JSON</a> · <a href={`${api}?format=md&download=1`}>Markdown</a> ·{" "}
          <a href={`${api}?format=html&download=1`}>HTML</a> · <a href={`${api}/booklet?format=pdf`}>{t("bookletPdf")}</a> ·{" "}
          <a href={`${api}/booklet?format=docx`}>{t("bookletWord")}</a>
        </p>
        <p>
          {t("hashOfJson")} <code data-testid="version-hash">{version.sha256}</code>
        </p>
        <p className="muted">{t.rich("checkCopy", { command: () => <code>sha256sum {file}</code> })}</p>
      </section>
    </main>
  );
}
