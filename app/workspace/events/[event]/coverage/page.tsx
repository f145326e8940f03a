import Link from "next/link";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { DomainError } from "@/lib/errors";
import { eventCoverage } from "@/lib/events/coverage";
import { participationTable } from "@/lib/events/reports";
import { allows } from "@/lib/permissions";

export const dynamic = "force-dynamic";

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)} %`);

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
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link>
        {manage && (
          <>
            {" · "}
            <Link href={`/workspace/events/${slug}/reports`}>Session reports</Link>
          </>
        )}
      </p>
      <h1>Coverage</h1>
      <p className="muted">
        What each theme&apos;s live draft draws from. <a href={`/api/events/${slug}/coverage?format=csv`}>Download as CSV</a>
      </p>
      {coverage.length === 0 && <p className="empty">No themes yet.</p>}
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
            {c.sessions} session{c.sessions === 1 ? "" : "s"} · {c.uncitedSessions.length} not cited · {c.uncitedMessages.length}{" "}
            message
            {c.uncitedMessages.length === 1 ? "" : "s"} citing nothing · {c.missingReports.length} report
            {c.missingReports.length === 1 ? "" : "s"} missing
          </p>
          <h3>Sessions no message cites</h3>
          {c.uncitedSessions.length === 0 ? (
            <p className="empty">Every session is cited.</p>
          ) : (
            <ul data-testid="uncited-sessions">
              {c.uncitedSessions.map((s) => (
                <li key={s.id}>
                  <Link href={`/events/${slug}/sessions/${s.id}`}>{s.title}</Link> <span className="muted">({s.type})</span>
                </li>
              ))}
            </ul>
          )}
          <h3>Messages that cite nothing</h3>
          {c.uncitedMessages.length === 0 ? (
            <p className="empty">Every message cites a source.</p>
          ) : (
            <ul data-testid="uncited-messages">
              {c.uncitedMessages.map((m) => (
                <li key={m.messageId}>
                  {m.number}. {m.text || <em>(empty)</em>}
                </li>
              ))}
            </ul>
          )}
          <h3>Reports still missing</h3>
          {c.missingReports.length === 0 ? (
            <p className="empty">Every session has a submitted report.</p>
          ) : (
            <ul data-testid="missing-reports">
              {c.missingReports.map((s) => (
                <li key={s.id}>
                  {s.title}{" "}
                  <span className="muted">({s.reporters.length > 0 ? s.reporters.join(", ") : "no reporter assigned"})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className="card" aria-labelledby="participation">
        <h2 id="participation" style={{ marginTop: 0 }}>
          Participation
        </h2>
        <p className="small muted">Summed from the submitted reports; a report without figures counts as a session only.</p>
        {participation.rows.length === 0 ? (
          <p className="empty">No sessions yet.</p>
        ) : (
          <table className="table" data-testid="participation-table">
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">Type</th>
                <th scope="col">Sessions</th>
                <th scope="col">With figures</th>
                <th scope="col">On site</th>
                <th scope="col">Online</th>
                <th scope="col">Women on site</th>
              </tr>
            </thead>
            <tbody>
              {participation.rows.map((r) => (
                <tr key={`${r.theme}-${r.type}`}>
                  <td>{r.theme}</td>
                  <td>{r.type}</td>
                  <td>{r.sessions}</td>
                  <td>{r.reported}</td>
                  <td>{r.onSite}</td>
                  <td>{r.online}</td>
                  <td>{percent(r.womenShare)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  All
                </th>
                <td>{participation.total.sessions}</td>
                <td>{participation.total.reported}</td>
                <td>{participation.total.onSite}</td>
                <td>{participation.total.online}</td>
                <td>{percent(participation.total.womenShare)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </section>
    </main>
  );
}
