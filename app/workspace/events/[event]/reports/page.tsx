import Link from "next/link";
import { ReportsManager, type ReportRow } from "@/components/events/ReportsManager";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { activeMembers, sessionsWithReports } from "@/lib/events/views";
import { DomainError } from "@/lib/errors";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

/** Session reports of the event, for the secretariat: reporters, status, reminders. */
export default async function ReportsPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}/reports`);
  const authorized = await eventPage(user, slug, "event.manage");
  if (authorized instanceof DomainError) return <NotAvailable error={authorized} />;
  const { event } = authorized;
  const sessions = await sessionsWithReports(event.id);
  const rows: ReportRow[] = sessions.map((s) => ({
    id: s.id,
    title: s.title,
    theme: s.theme?.title ?? "—",
    start: s.startsAt.toISOString(),
    status: !s.report
      ? "missing"
      : s.report._count.revisions === 0
        ? "draft"
        : s.report._count.revisions > 1
          ? "updated"
          : "submitted",
    reporterIds: s.reporters.map((r) => r.userId),
    remindedAt: s.remindedAt?.toISOString() ?? null,
  }));
  const members = await activeMembers(event.id);
  const t = await getTranslations("reports");
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link> ·{" "}
        <Link href={`/workspace/events/${slug}/coverage`}>{t("coverage")}</Link>
      </p>
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <ReportsManager event={slug} timeZone={event.timeZone} rows={rows} members={members.map((m) => m.user)} />
    </main>
  );
}
