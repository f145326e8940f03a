import Link from "next/link";
import { notFound } from "next/navigation";
import { ReportForm } from "@/components/events/ReportForm";
import { pageUser } from "@/lib/auth/page";
import { liveEvent } from "@/lib/events/views";
import { DomainError } from "@/lib/errors";
import { emptyReport } from "@/lib/events/report-content";
import { reportAccess, reportForWriter } from "@/lib/events/reports";
import { getWhen } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

/** Where a session's reporters (and the secretariat) write and submit its report. */
export default async function ReportPage({ params }: { params: Promise<{ event: string; sessionId: string }> }) {
  const { event: slug, sessionId } = await params;
  const user = await pageUser(`/workspace/events/${slug}/sessions/${sessionId}/report`);
  const event = await liveEvent(slug);
  if (!event) notFound();
  const access = await reportAccess(user, event.id, sessionId).catch((error) => {
    if (error instanceof DomainError && error.status === 404) return null;
    throw error;
  });
  if (!access) notFound();
  const { session } = access;
  const [t, types, when] = await Promise.all([getTranslations("reportPage"), getTranslations("sources"), getWhen()]);
  const header = (
    <>
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link>
      </p>
      <h1>{t("heading", { title: session.title })}</h1>
      <p className="muted">
        {types("type", { type: session.type })} · {when(session.startsAt, event.timeZone)} ({event.timeZone}) ·{" "}
        <Link href={`/events/${slug}/sessions/${session.id}`}>{t("publicPage")}</Link>
      </p>
    </>
  );
  if (!access.canWrite) {
    return (
      <main>
        {header}
        <p className="notice error" data-testid="access-refused">
          {t("refused")}
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
        {reporters.length > 0 ? t("reporters", { names: reporters.join(", ") }) : t("noReporters")}
        {report.published &&
          ` ${t("submitted", {
            when: when(report.published.firstSubmittedAt, event.timeZone),
            updates: report.published.updated ? report.published.earlier.length : 0,
          })}`}
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
