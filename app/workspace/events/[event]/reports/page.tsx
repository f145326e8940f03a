import Link from "next/link";
import { ReportsManager, type ReportRow } from "@/components/events/ReportsManager";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { instantToLocal } from "@/lib/events/schedule";

export const dynamic = "force-dynamic";

/** Session reports of the event, for the secretariat: reporters, status, reminders. */
export default async function ReportsPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}/reports`);
  const authorized = await eventPage(user, slug, "event.manage");
  if (authorized instanceof DomainError) return <NotAvailable error={authorized} />;
  const { event } = authorized;
  const sessions = await db().session.findMany({
    where: { eventId: event.id },
    include: { theme: true, reporters: true, report: { include: { _count: { select: { revisions: true } } } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
  const rows: ReportRow[] = sessions.map((s) => ({
    id: s.id,
    title: s.title,
    theme: s.theme?.title ?? "—",
    start: instantToLocal(s.startsAt, event.timeZone),
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
  const members = await db().membership.findMany({
    where: { eventId: event.id, user: { archived: false } },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {event.name}</Link> ·{" "}
        <Link href={`/workspace/events/${slug}/coverage`}>Coverage</Link>
      </p>
      <h1>Session reports</h1>
      <p className="muted">
        Each session&apos;s reporters file its report on the template&apos;s eight parts. A draft stays private to them and to
        you; a submitted report is public on the session&apos;s page.
      </p>
      <ReportsManager event={slug} rows={rows} members={members.map((m) => m.user)} />
    </main>
  );
}
