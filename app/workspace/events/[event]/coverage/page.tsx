import Link from "next/link";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { DomainError } from "@/lib/errors";
import { eventCoverage } from "@/lib/events/coverage";
import { participationTable } from "@/lib/events/reports";
import { allows } from "@/lib/permissions";
import { getFormatter, getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

/** What the live drafts draw from, per theme, and participation summed from the reports. */
export default async function CoveragePage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}/coverage`);
  const authorized = await eventPage(user, slug, "sources.read");
  if (authorized instanceof DomainError) return <NotAvailable error={authorized} />;
  const { event, subject } = authorized;
  const coverage = await eventCoverage(event);
  const participation = await participationTable(event.id);
  const manage = allows("event.manage", subject, event);
  const [t, types, format] = await Promise.all([getTranslations("coverage"), getTranslations("sources"), getFormatter()]);
  const percent = (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent" }));
  const figure = (n: number) => format.number(n);
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link>
        {manage && (
          <>
            {" · "}
            <Link href={`/workspace/events/${slug}/reports`}>{t("reports")}</Link>
          </>
        )}
      </p>
      <h1>{t("heading")}</h1>
      <p className="muted">
        {t("intro")} <a href={`/api/events/${slug}/coverage?format=csv`}>{t("csv")}</a>
      </p>
      {coverage.length === 0 && <p className="empty">{t("noThemes")}</p>}
      {coverage.map((c) => (
        <section
          key={c.theme.id}
          className="card"
          aria-labelledby={`cov-${c.theme.slug}`}
          data-testid={`coverage-${c.theme.slug}`}
        >
          <h2 id={`cov-${c.theme.slug}`} style={{ marginTop: 0 }}>
            {c.theme.documentId ? (
              <Link href={`/workspace/documents/${c.theme.documentId}`}>{c.theme.title}</Link>
            ) : (
              c.theme.title
            )}
          </h2>
          <p className="small muted">
            {t("summary", {
              sessions: c.sessions,
              uncited: c.uncitedSessions.length,
              messages: c.uncitedMessages.length,
              missing: c.missingReports.length,
            })}
          </p>
          <h3>{t("uncitedSessions")}</h3>
          {c.uncitedSessions.length === 0 ? (
            <p className="empty">{t("allCited")}</p>
          ) : (
            <ul data-testid="uncited-sessions">
              {c.uncitedSessions.map((s) => (
                <li key={s.id}>
                  <Link href={`/events/${slug}/sessions/${s.id}`}>{s.title}</Link>{" "}
                  <span className="muted">({types("type", { type: s.typeCode })})</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("uncitedMessages")}</h3>
          {c.uncitedMessages.length === 0 ? (
            <p className="empty">{t("allCite")}</p>
          ) : (
            <ul data-testid="uncited-messages">
              {c.uncitedMessages.map((m) => (
                <li key={m.messageId}>
                  {m.number}. {m.text || <em>{t("emptyMessage")}</em>}
                </li>
              ))}
            </ul>
          )}
          <h3>{t("missingReports")}</h3>
          {c.missingReports.length === 0 ? (
            <p className="empty">{t("allReported")}</p>
          ) : (
            <ul data-testid="missing-reports">
              {c.missingReports.map((s) => (
                <li key={s.id}>
                  {s.title} <span className="muted">({s.reporters.length > 0 ? s.reporters.join(", ") : t("noReporter")})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className="card" aria-labelledby="participation">
        <h2 id="participation" style={{ marginTop: 0 }}>
          {t("participation")}
        </h2>
        <p className="small muted">{t("participationHelp")}</p>
        {participation.rows.length === 0 ? (
          <p className="empty">{t("noSessions")}</p>
        ) : (
          <table className="table" data-testid="participation-table">
            <thead>
              <tr>
                <th scope="col">{t("theme")}</th>
                <th scope="col">{t("type")}</th>
                <th scope="col">{t("sessions")}</th>
                <th scope="col">{t("withFigures")}</th>
                <th scope="col">{t("onSite")}</th>
                <th scope="col">{t("online")}</th>
                <th scope="col">{t("women")}</th>
              </tr>
            </thead>
            <tbody>
              {participation.rows.map((r) => (
                <tr key={`${r.theme}-${r.type}`}>
                  <td>{r.themed ? r.theme : t("noTheme")}</td>
                  <td>{types("type", { type: r.typeCode })}</td>
                  <td>{figure(r.sessions)}</td>
                  <td>{figure(r.reported)}</td>
                  <td>{figure(r.onSite)}</td>
                  <td>{figure(r.online)}</td>
                  <td>{percent(r.womenShare)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("all")}
                </th>
                <td>{figure(participation.total.sessions)}</td>
                <td>{figure(participation.total.reported)}</td>
                <td>{figure(participation.total.onSite)}</td>
                <td>{figure(participation.total.online)}</td>
                <td>{percent(participation.total.womenShare)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>
    </main>
  );
}
