import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/DocumentView";
import { MessageSources, SessionsAnnex } from "@/components/MessageSources";
import { FrontMatterView, PolicyQuestionsView } from "@/components/FrontMatterView";
import { findSet } from "@/lib/publishing/sets";

export const dynamic = "force-dynamic";

/**
 * An event's message set for one milestone (or the latest): every theme's
 * version of it in theme order, with a table of contents, each theme's front
 * matter and messages, and the manifest's hash to verify it by.
 */
export default async function MessageSetPage({ params }: { params: Promise<{ event: string; milestone: string }> }) {
  const { event: eventSlug, milestone } = await params;
  const set = await findSet(eventSlug, milestone);
  if (!set) notFound();
  const { event, manifest } = set;
  const published = new Date(manifest.publishedAt).toLocaleString("en-GB", {
    timeZone: event.timeZone,
    dateStyle: "full",
    timeStyle: "short",
  });
  const api = `/api/public/events/${event.slug}/sets/${set.milestone}`;
  const file = `${event.slug}-${set.milestone}-manifest.json`;
  return (
    <main className="message-set">
      <p className="small no-print">
        <Link href={`/events/${event.slug}`}>← {event.name}</Link>
      </p>
      <h1>
        {event.name}: {manifest.label}
      </h1>
      <p data-testid="set-meta">
        {event.place ? `${event.place} · ` : ""}published {published} ({event.timeZone})
      </p>
      <nav aria-labelledby="contents-heading" className="contents">
        <h2 id="contents-heading">Contents</h2>
        <ol>
          {manifest.method && (
            <li>
              <a href="#how">How the messages were developed</a>
            </li>
          )}
          {set.versions.map(({ entry }) => (
            <li key={entry.theme}>
              <a href={`#theme-${entry.theme}`}>{entry.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {manifest.method && (
        <section aria-labelledby="how" className="method">
          <h2 id="how">How the messages were developed</h2>
          {manifest.method.split(/\n\s*\n/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </section>
      )}
      {set.versions.map(({ entry, frozen }) => (
        <section key={entry.theme} className="set-theme" aria-labelledby={`theme-${entry.theme}`} data-testid="set-theme">
          <h2 id={`theme-${entry.theme}`}>{entry.title}</h2>
          <p className="small muted">
            <Link href={`/events/${event.slug}/${set.milestone}/${entry.theme}`}>
              {frozen.label}, version {entry.version}
            </Link>{" "}
            · SHA-256 <code>{entry.sha256}</code>
          </p>
          {frozen.frontMatter && <FrontMatterView frontMatter={frozen.frontMatter} title={entry.title} headingLevel={3} />}
          <DocumentView
            lang={frozen.language ?? "en"}
            doc={frozen.content}
            sectionLevel={3}
            afterMessage={(_id, message) => <MessageSources value={message.attrs.sources} frozen={frozen} />}
          />
          {frozen.frontMatter && <PolicyQuestionsView questions={frozen.frontMatter.questions} headingLevel={3} />}
          <SessionsAnnex frozen={frozen} headingLevel={3} />
        </section>
      ))}
      <section className="card small no-print" style={{ marginTop: "2rem" }} aria-labelledby="verify-heading">
        <h2 id="verify-heading" style={{ marginTop: 0 }}>
          Download and verify
        </h2>
        <p>
          <a href={`${api}/booklet?format=pdf`}>Booklet (PDF)</a> · <a href={`${api}/booklet?format=docx`}>Booklet (Word)</a>
        </p>
        <p>
          <a href={`${api}?download=1`}>Set manifest (JSON)</a>: the event, the milestone and every theme&apos;s version with its
          SHA-256.
        </p>
        <p>
          SHA-256 of the manifest: <code data-testid="set-hash">{set.sha256}</code>
        </p>
        <p className="muted">
          To check a downloaded copy: <code>sha256sum {file}</code> prints the same value; each version&apos;s JSON, linked from
          its page, hashes to the value the manifest lists for it.
        </p>
      </section>
    </main>
  );
}
