import Link from "next/link";
import { notFound } from "next/navigation";
import { DocumentView } from "@/components/DocumentView";
import { MessageSources, SessionsAnnex } from "@/components/MessageSources";
import { FrontMatterView, PolicyQuestionsView } from "@/components/FrontMatterView";
import { findSet } from "@/lib/publishing/sets";
import { When } from "@/components/ui/When";
import { getTranslations } from "next-intl/server";

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
  const t = await getTranslations("versionPage");
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
        {event.place ? `${event.place} · ` : ""}
        {t.rich("published", {
          zone: event.timeZone,
          when: () => <When iso={manifest.publishedAt} zone={event.timeZone} style="full" />,
        })}
      </p>
      <nav aria-labelledby="contents-heading" className="contents">
        <h2 id="contents-heading">{t("contents")}</h2>
        <ol>
          {manifest.method && (
            <li>
              <a href="#how">{t("how")}</a>
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
          <h2 id="how">{t("how")}</h2>
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
              {t("labelVersion", { label: frozen.label, number: entry.version })}
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
          {t("downloadVerify")}
        </h2>
        <p>
          <a href={`${api}/booklet?format=pdf`}>{t("bookletPdf")}</a> ·{" "}
          <a href={`${api}/booklet?format=docx`}>{t("bookletWord")}</a>
        </p>
        <p>{t.rich("manifestHelp", { link: (chunks) => <a href={`${api}?download=1`}>{chunks}</a> })}</p>
        <p>
          {t("hashOfManifest")} <code data-testid="set-hash">{set.sha256}</code>
        </p>
        <p className="muted">{t.rich("checkSet", { command: () => <code>sha256sum {file}</code> })}</p>
      </section>
    </main>
  );
}
