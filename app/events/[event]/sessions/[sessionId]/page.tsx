import Link from "next/link";
import { notFound } from "next/navigation";
import { publicSession } from "@/lib/events/views";
import { peopleOf, type SessionPerson } from "@/lib/events/sessions";
import { getWhen } from "@/lib/i18n/server";
import { markdownToSafeHtml } from "@/lib/markdown";
import { ReportView } from "@/components/events/ReportView";
import { publicReport } from "@/lib/events/reports";
import { citationsOf } from "@/lib/publishing/citations";
import { getTranslations } from "next-intl/server";

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
  const session = await publicSession(slug, sessionId);
  if (!session) notFound();
  const zone = session.event.timeZone;
  const subThemes = session.theme?.subThemes.filter((s) => session.subThemeIds.includes(s.id)) ?? [];
  const report = await publicReport(session.id);
  const citedBy = await citationsOf(session.eventId, slug, session.id);
  const [t, types, format] = await Promise.all([getTranslations("sessionPage"), getTranslations("sources"), getWhen()]);
  const when = (iso: string) => format(iso, zone);
  return (
    <main>
      <p className="small">
        <Link href={`/events/${slug}/programme`}>← {t("programmeOf", { event: session.event.name })}</Link>
      </p>
      <h1>{session.title}</h1>
      <p data-testid="session-meta">
        {types("type", { type: session.type })} · {format(session.startsAt, zone, "full")}–{format(session.endsAt, zone, "time")}{" "}
        ({zone}){session.room ? ` · ${session.room}` : ""}
      </p>
      {session.theme && (
        <p>
          {t("theme", { theme: session.theme.title })}
          {subThemes.length > 0 && ` · ${subThemes.map((s) => s.name).join(", ")}`}
        </p>
      )}
      {session.link && (
        <p>
          <a href={session.link} rel="noopener noreferrer nofollow">
            {t("forumPage")}
          </a>
        </p>
      )}
      {session.description && (
        <section aria-labelledby="description">
          <h2 id="description">{t("description")}</h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(session.description) }} />
        </section>
      )}
      {session.agenda && (
        <section aria-labelledby="agenda">
          <h2 id="agenda">{t("agenda")}</h2>
          <div className="markdown" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(session.agenda) }} />
        </section>
      )}
      <People title={t("organisers")} people={peopleOf(session.organisers)} />
      <People title={t("rapporteurs")} people={peopleOf(session.rapporteurs)} />
      <section aria-labelledby="cited-by">
        <h2 id="cited-by">{t("citedBy")}</h2>
        {citedBy.length === 0 ? (
          <p className="empty">{t("notCited")}</p>
        ) : (
          <ul data-testid="cited-by">
            {citedBy.map((c) => (
              <li key={`${c.theme}-${c.messageId}`}>
                <Link href={c.href}>{t("citation", { theme: c.themeTitle, label: c.label, number: c.number })}</Link>: {c.text}
                {c.quote && <div className="small muted">{t.rich("drawsOn", { quote: () => <q>{c.quote}</q> })}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="report">
        <h2 id="report">{t("report")}</h2>
        {!report ? (
          <p className="empty">{t("noReport")}</p>
        ) : (
          <>
            <p className="small muted" data-testid="report-meta">
              {t("submitted", {
                when: when(report.firstSubmittedAt),
                by: report.earlier.at(-1)?.submittedBy ?? report.latest.submittedBy,
              })}
              {report.updated && (
                <>
                  {" "}
                  ·{" "}
                  {t.rich("updated", {
                    strong: (chunks) => <strong>{chunks}</strong>,
                    when: when(report.latest.submittedAt),
                    by: report.latest.submittedBy,
                  })}
                </>
              )}
            </p>
            <ReportView content={report.latest.content} />
            {report.earlier.length > 0 && (
              <details data-testid="report-history">
                <summary>{t("earlier", { count: report.earlier.length })}</summary>
                {report.earlier.map((r) => (
                  <section key={r.number} className="card" aria-label={t("submission", { number: r.number })}>
                    <p className="small muted">
                      {t("submissionBy", { number: r.number, when: when(r.submittedAt), by: r.submittedBy })}
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
