import Link from "next/link";
import { pageUser } from "@/lib/auth/page";
import { dispositionReport } from "@/lib/comments/dispositions";
import { DomainError, orDomainError } from "@/lib/errors";

export const metadata = { title: "Disposition report" };

/** Every comment on a published version and what became of it, per event or theme. */
export default async function DispositionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ event: string }>;
  searchParams: Promise<{ theme?: string }>;
}) {
  const { event: slug } = await params;
  const { theme } = await searchParams;
  const user = await pageUser(`/workspace/events/${slug}/dispositions`);
  const report = await orDomainError(dispositionReport(user, slug, theme || undefined));
  if (report instanceof DomainError) {
    return (
      <main>
        <p className="notice error" data-testid="access-refused">
          {report.message}
        </p>
      </main>
    );
  }
  const base = `/workspace/events/${slug}/dispositions`;
  const csv = `/api/events/${slug}/dispositions?format=csv${report.theme ? `&theme=${report.theme.slug}` : ""}`;
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {report.event.name}</Link>
      </p>
      <h1>Disposition report{report.theme ? `: ${report.theme.title}` : ""}</h1>
      <nav className="row small" aria-label="Themes">
        {report.theme ? <Link href={base}>All themes</Link> : <strong>All themes</strong>}
        {report.themes.map((t) =>
          t.slug === report.theme?.slug ? (
            <strong key={t.slug}>{t.title}</strong>
          ) : (
            <Link key={t.slug} href={`${base}?theme=${t.slug}`}>
              {t.title}
            </Link>
          ),
        )}
        <a href={csv} download>
          Download CSV
        </a>
      </nav>
      {report.rows.length === 0 ? (
        <p className="empty">No comments on published versions yet.</p>
      ) : (
        <table data-testid="report-table">
          <thead>
            <tr>
              {!report.theme && <th>Theme</th>}
              <th>Version</th>
              <th>Message</th>
              <th>Quoted text</th>
              <th>Comment</th>
              <th>Author, date</th>
              <th>Disposition</th>
              <th>Public reply</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.threadId}>
                {!report.theme && <td>{r.themeTitle}</td>}
                <td>v{r.versionNumber}</td>
                <td>{r.messageNumber ?? "—"}</td>
                <td className="small">“{r.quote}”</td>
                <td>
                  {r.kind !== "Comment" && (
                    <div className="small" data-testid="report-amendment">
                      <span className="badge">{r.kind}</span> proposed: “{r.proposedText}”
                      {r.appliedText && <div className="success">applied: “{r.appliedText}”</div>}
                    </div>
                  )}
                  {r.comment || <span className="muted">(deleted by its author)</span>}
                  {r.replies > 0 && <span className="small muted"> · {r.replies} more</span>}
                  {r.hidden && <span className="badge warning">hidden</span>}
                </td>
                <td className="small">
                  {r.author}
                  <br />
                  {new Date(r.createdAt).toLocaleString("en-GB", { timeZone: report.event.timeZone })}
                </td>
                <td>
                  <span className={`badge disposition-${r.disposition.toLowerCase()}`}>{r.dispositionLabel}</span>
                  {r.resolved && <span className="small muted"> · resolved</span>}
                </td>
                <td className="small">{r.reply}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
