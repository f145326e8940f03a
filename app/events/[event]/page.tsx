import Link from "next/link";
import { notFound } from "next/navigation";
import { publicEvent } from "@/lib/publishing/public";
import { listSets } from "@/lib/publishing/sets";

export const dynamic = "force-dynamic";

function when(iso: string, zone: string) {
  return new Date(iso).toLocaleString("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" });
}

type PublicEvent = NonNullable<Awaited<ReturnType<typeof publicEvent>>>;

/** One theme's published versions: the latest, its stable link, and every earlier one. */
function ThemeVersions({ event, theme }: { event: PublicEvent; theme: PublicEvent["themes"][number] }) {
  const latest = theme.versions.at(-1)!;
  return (
    <section className="card" data-testid={`theme-${theme.slug}`}>
      <h2 style={{ marginTop: 0 }}>{theme.title}</h2>
      <p>
        Latest: <Link href={`/events/${event.slug}/${latest.milestone}/${theme.slug}`}>{latest.label}</Link> (version{" "}
        {latest.number}, {when(latest.publishedAt, event.timeZone)}) ·{" "}
        <Link href={`/events/${event.slug}/latest/${theme.slug}`}>stable link to the latest</Link> · download{" "}
        <a href={`/api/public/versions/${latest.id}/booklet?format=pdf`}>PDF</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}/booklet?format=docx`}>Word</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=json&download=1`}>JSON</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=md&download=1`}>Markdown</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=html&download=1`}>HTML</a>
        {theme.versions.length > 1 && (
          <>
            {" · "}
            <Link href={`/events/${event.slug}/compare/${theme.slug}`}>compare versions</Link>
          </>
        )}
      </p>
      {theme.versions.length > 1 && (
        <ul>
          {[...theme.versions].reverse().map((v) => (
            <li key={v.id}>
              <Link href={`/events/${event.slug}/${v.milestone}/${theme.slug}`}>
                Version {v.number}: {v.label}
              </Link>{" "}
              <span className="muted small">{when(v.publishedAt, event.timeZone)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The public page of an event: each theme's published versions, latest first; archived themes apart. */
export default async function PublicEventPage({ params }: { params: Promise<{ event: string }> }) {
  const event = await publicEvent((await params).event);
  if (!event) notFound();
  const anything = event.themes.some((t) => t.versions.length > 0);
  const sets = (await listSets(event.slug)) ?? [];
  return (
    <main>
      <h1>{event.name}</h1>
      <p className="muted">
        {event.place} · messages published by the secretariat · times in {event.timeZone} ·{" "}
        <Link href={`/events/${event.slug}/programme`}>programme</Link>
      </p>
      {!anything && <p className="empty">Nothing has been published yet.</p>}
      {sets.length > 0 && (
        <section className="card" aria-labelledby="sets-heading" data-testid="message-sets">
          <h2 id="sets-heading" style={{ marginTop: 0 }}>
            Message sets
          </h2>
          <p className="small muted">Every theme&apos;s messages of one publication, on one page.</p>
          <ul>
            {[...sets].reverse().map((set) => (
              <li key={set.milestone}>
                <Link href={`/events/${event.slug}/messages/${set.milestone}`}>{set.label}</Link>{" "}
                <span className="muted small">
                  {when(set.publishedAt, event.timeZone)} · {set.themes} {set.themes === 1 ? "theme" : "themes"} ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}/booklet?format=pdf`}>PDF</a> ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}/booklet?format=docx`}>Word</a> ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}?download=1`}>manifest</a>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {event.themes
        .filter((t) => !t.archived && t.versions.length > 0)
        .map((theme) => (
          <ThemeVersions key={theme.slug} event={event} theme={theme} />
        ))}
      {event.themes.some((t) => t.archived && t.versions.length > 0) && (
        <section data-testid="archived-themes">
          <h2>Archived themes</h2>
          <p className="muted small">No longer drafted; what was published stays here, at the same addresses.</p>
          {event.themes
            .filter((t) => t.archived && t.versions.length > 0)
            .map((theme) => (
              <ThemeVersions key={theme.slug} event={event} theme={theme} />
            ))}
        </section>
      )}
    </main>
  );
}
