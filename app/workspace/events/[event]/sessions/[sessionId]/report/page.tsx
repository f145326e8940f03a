import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportForm } from "@/components/events/ReportForm";
import { pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { emptyReport } from "@/lib/events/report-content";
import { reportAccess, reportForWriter } from "@/lib/events/reports";
import { instantToLocal } from "@/lib/events/schedule";
import { sessionTypeLabel } from "@/lib/events/sessions";

export const dynamic = "force-dynamic";

/** Where a session's reporters (and the secretariat) write and submit its report. */
export default async function ReportPage({ params }: { params: Promise<{ event: string; sessionId: string }> }) {
  const { event: slug, sessionId } = await params;
  const user = await pageUser(`/workspace/events/${slug}/sessions/${sessionId}/report`);
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) notFound();
  const access = await reportAccess(user, event.id, sessionId).catch((error) => {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  });
  if (!access) notFound();
  const { session } = access;
  const header = (
    <>
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link>
      </p>
      <h1>Report: {session.title}</h1>
      <p className="muted">
        {sessionTypeLabel(session.type)} · {instantToLocal(session.startsAt, event.timeZone).replace("T", " ")} ({event.timeZone})
        · <Link href={`/events/${slug}/sessions/${session.id}`}>Public session page</Link>
      </p>
    </>
  );
  if (!access.canWrite) {
    return (
      <main>
        {header}
        <p className="notice error" data-testid="access-refused">
          Only this session&apos;s reporters and the secretariat may write its report.
        </p>
      </main>
    );
  }
  const report = await reportForWriter(session.id);
  const reporters = session.reporters.map((r) => r.user.name);
  return (
    <main>
      {header}
      <p className="small">
        Reporters: {reporters.length > 0 ? reporters.join(", ") : "none assigned yet (the secretariat assigns them)"}.
        {report.published &&
          ` Submitted ${new Date(report.published.firstSubmittedAt).toLocaleString("en-GB", { timeZone: event.timeZone, dateStyle: "medium", timeStyle: "short" })}${report.published.updated ? `, updated ${report.published.earlier.length} time${report.published.earlier.length === 1 ? "" : "s"}` : ""}.`}
      </p>
      <ReportForm
        event={slug}
        sessionId={session.id}
        initial={report.draft ?? emptyReport()}
        submitted={report.published !== null}
        unsubmittedChanges={report.unsubmittedChanges}
      />
    </main>
  );
}
