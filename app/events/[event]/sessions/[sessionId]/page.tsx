import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { peopleOf, sessionTypeLabel, type SessionPerson } from "@/lib/events/sessions";
import { markdownToSafeHtml } from "@/lib/markdown";
import { ReportView } from "@/components/events/ReportView";
import { publicReport } from "@/lib/events/reports";
import { citationsOf } from "@/lib/publishing/citations";

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
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(sessionId)) notFound();
  const session = await db().session.findFirst({
    where: { id: sessionId, event: { slug, archived: false } },
    include: { event: true, theme: { include: { subThemes: true } } },
  });
  if (!session) notFound();
  const zone = session.event.timeZone;
  const start = DateTime.fromJSDate(session.startsAt, { zone }).setLocale("en-GB");
  const end = DateTime.fromJSDate(session.endsAt, { zone }).setLocale("en-GB");
  const subThemes = session.theme?.subThemes.filter((s) => session.subThemeIds.includes(s.id)) ?? [];
  const report = await publicReport(session.id);
  const citedBy = await citationsOf(session.eventId, slug, session.id);
  const when = (iso: string) => DateTime.fromISO(iso, { zone }).setLocale("en-GB").toFormat("d MMMM yyyy, HH:mm");
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
      <section aria-labelledby="cited-by">
        <h2 id="cited-by">Messages drawn from this session</h2>
        {citedBy.length === 0 ? (
          <p className="empty">No published message cites this session yet.</p>
        ) : (
          <ul data-testid="cited-by">
            {citedBy.map((c) => (
              <li key={`${c.theme}-${c.messageId}`}>
                <Link href={c.href}>
                  {c.themeTitle}, {c.label}, message {c.number}
                </Link>
                : {c.text}
                {c.quote && (
                  <div className="small muted">
                    draws on the recommendation <q>{c.quote}</q>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="report">
        <h2 id="report">Session report</h2>
        {!report ? (
          <p className="empty">No report has been submitted for this session yet.</p>
        ) : (
          <>
            <p className="small muted" data-testid="report-meta">
              Submitted {when(report.firstSubmittedAt)} by {report.earlier.at(-1)?.submittedBy ?? report.latest.submittedBy}
              {report.updated && (
                <>
                  {" "}
                  · <strong>updated</strong> {when(report.latest.submittedAt)} by {report.latest.submittedBy}
                </>
              )}
            </p>
            <ReportView content={report.latest.content} />
            {report.earlier.length > 0 && (
              <details data-testid="report-history">
                <summary>Earlier submissions ({report.earlier.length})</summary>
                {report.earlier.map((r) => (
                  <section key={r.number} className="card" aria-label={`Submission ${r.number}`}>
                    <p className="small muted">
                      Submission {r.number}, {when(r.submittedAt)} by {r.submittedBy}
                    </p>
                    <ReportView content={r.content} headingLevel={4} />
                  </section>
                ))}
              </details>
            )}
          </>
        )}
      </section>
    </main>
  );
}
