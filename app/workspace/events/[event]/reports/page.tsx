import Link from "next/link";
import { ReportsManager, type ReportRow } from "@/components/events/ReportsManager";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { db } from "@/lib/db";
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
  const sessions = await db().session.findMany({
    where: { eventId: event.id },
    include: { theme: true, reporters: true, report: { include: { _count: { select: { revisions: true } } } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
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
  const members = await db().membership.findMany({
    where: { eventId: event.id, user: { archived: false } },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
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
