import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { peopleOf, sessionTypeLabel, type SessionPerson } from "@/lib/events/sessions";
import { markdownToSafeHtml } from "@/lib/markdown";

export const dynamic = "force-dynamic";

function People({ title, people }: { title: string; people: SessionPerson[] }) {
  if (people.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <ul>
        {people.map((p, i) => (
          <li key={i}>
            {p.name}
            {[p.organisation, p.country, p.stakeholderGroup].some(Boolean) && (
              <span className="muted">, {[p.organisation, p.country, p.stakeholderGroup].filter(Boolean).join(", ")}</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One session of the programme, public. */
export default async function SessionPage({ params }: { params: Promise<{ event: string; sessionId: string }> }) {
  const { event: slug, sessionId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) notFound();
  const session = await db().session.findFirst({
    where: { id: sessionId, event: { slug, archived: false } },
    include: { event: true, theme: { include: { subThemes: true } } },
  });
  if (!session) notFound();
  const zone = session.event.timeZone;
  const start = DateTime.fromJSDate(session.startsAt, { zone }).setLocale("en-GB");
  const end = DateTime.fromJSDate(session.endsAt, { zone }).setLocale("en-GB");
  const subThemes = session.theme?.subThemes.filter((s) => session.subThemeIds.includes(s.id)) ?? [];
  return (
    <main>
      <p className="small">
        <Link href={`/events/${slug}/programme`}>← Programme of {session.event.name}</Link>
      </p>
      <h1>{session.title}</h1>
      <p data-testid="session-meta">
        {sessionTypeLabel(session.type)} · {start.toFormat("cccc d MMMM yyyy, HH:mm")}–{end.toFormat("HH:mm")} ({zone})
        {session.room ? ` · ${session.room}` : ""}
      </p>
      {session.theme && (
        <p>
          Theme: {session.theme.title}
          {subThemes.length > 0 && ` · ${subThemes.map((s) => s.name).join(", ")}`}
        </p>
      )}
      {session.link && (
        <p>
          <a href={session.link} rel="noopener noreferrer nofollow">
            Session page on the forum&apos;s site
          </a>
        </p>
      )}
      {session.description && (
        <section aria-labelledby="description">
          <h2 id="description">Description</h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(session.description) }} />
        </section>
      )}
      {session.agenda && (
        <section aria-labelledby="agenda">
          <h2 id="agenda">Agenda</h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(session.agenda) }} />
        </section>
      )}
      <People title="Organisers" people={peopleOf(session.organisers)} />
      <People title="Rapporteurs" people={peopleOf(session.rapporteurs)} />
    </main>
  );
}
