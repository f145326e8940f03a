import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { When } from "@/components/ui/When";
import { publicEvent } from "@/lib/publishing/public";
import { listSets } from "@/lib/publishing/sets";

export const dynamic = "force-dynamic";

type PublicEvent = NonNullable<Awaited<ReturnType<typeof publicEvent>>>;

/** One theme's published versions: the latest, its stable link, and every earlier one. */
async function ThemeVersions({ event, theme }: { event: PublicEvent; theme: PublicEvent["themes"][number] }) {
  const t = await getTranslations("eventPage");
  const latest = theme.versions.at(-1)!;
  return (
    <section className="card" data-testid={`theme-${theme.slug}`}>
      <h2 style={{ marginTop: 0 }}>{theme.title}</h2>
      <p>
        {t.rich("latest", {
          link: () => <Link href={`/events/${event.slug}/${latest.milestone}/${theme.slug}`}>{latest.label}</Link>,
          number: latest.number,
          when: () => <When iso={latest.publishedAt} zone={event.timeZone} />,
        })}{" "}
        · <Link href={`/events/${event.slug}/latest/${theme.slug}`}>{t("stableLink")}</Link> · {t("download")}{" "}
        <a href={`/api/public/versions/${latest.id}/booklet?format=pdf`}>PDF</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}/booklet?format=docx`}>{t("word")}</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=json&download=1`}>JSON</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=md&download=1`}>Markdown</a> ·{" "}
        <a href={`/api/public/versions/${latest.id}?format=html&download=1`}>HTML</a>
        {theme.versions.length > 1 && (
          <>
            {" · "}
            <Link href={`/events/${event.slug}/compare/${theme.slug}`}>{t("compare")}</Link>
          </>
        )}
      </p>
      {theme.versions.length > 1 && (
        <ul>
          {[...theme.versions].reverse().map((v) => (
            <li key={v.id}>
              <Link href={`/events/${event.slug}/${v.milestone}/${theme.slug}`}>
                {t("versionLabel", { number: v.number, label: v.label })}
              </Link>{" "}
              <span className="muted small">
                <When iso={v.publishedAt} zone={event.timeZone} />
              </span>
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
  const t = await getTranslations("eventPage");
  return (
    <main>
      <h1>{event.name}</h1>
      <p className="muted">
        {event.place} · {t("byline", { zone: event.timeZone })} ·{" "}
        <Link href={`/events/${event.slug}/programme`}>{t("programme")}</Link>
      </p>
      {!anything && <p className="empty">{t("nothingYet")}</p>}
      {sets.length > 0 && (
        <section className="card" aria-labelledby="sets-heading" data-testid="message-sets">
          <h2 id="sets-heading" style={{ marginTop: 0 }}>
            {t("sets")}
          </h2>
          <p className="small muted">{t("setsHelp")}</p>
          <ul>
            {[...sets].reverse().map((set) => (
              <li key={set.milestone}>
                <Link href={`/events/${event.slug}/messages/${set.milestone}`}>{set.label}</Link>{" "}
                <span className="muted small">
                  <When iso={set.publishedAt} zone={event.timeZone} /> · {t("themes", { count: set.themes })} ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}/booklet?format=pdf`}>PDF</a> ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}/booklet?format=docx`}>{t("word")}</a> ·{" "}
                  <a href={`/api/public/events/${event.slug}/sets/${set.milestone}?download=1`}>{t("manifest")}</a>
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
          <h2>{t("archived")}</h2>
          <p className="muted small">{t("archivedHelp")}</p>
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
