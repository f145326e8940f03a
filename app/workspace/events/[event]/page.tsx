import Link from "next/link";
import { EventSettings } from "@/components/events/EventSettings";
import { PeopleManager } from "@/components/events/PeopleManager";
import { ProgrammeManager } from "@/components/events/ProgrammeManager";
import { ScheduleEditor } from "@/components/events/ScheduleEditor";
import { ThemeManager } from "@/components/events/ThemeManager";
import { NotAvailable } from "@/components/NotAvailable";
import { eventPage } from "@/lib/auth/event-page";
import { pageUser } from "@/lib/auth/page";
import { DomainError } from "@/lib/errors";
import { pendingInvitations } from "@/lib/events/invitations";
import { membersOf } from "@/lib/events/members";
import { milestonesOf } from "@/lib/events/milestones";
import { readFrontMatter } from "@/lib/events/front-matter";
import { themesOf } from "@/lib/events/themes";
import { programmeSummary, reportsOf, sessionChoices } from "@/lib/events/views";
import { allows } from "@/lib/permissions";
import { When } from "@/components/ui/When";
import { getTranslations } from "next-intl/server";

export default async function EventPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}`);
  const authorized = await eventPage(user, slug, "event.view");
  if (authorized instanceof DomainError) return <NotAvailable error={authorized} />;
  const { event, subject } = authorized;
  const [t, schedule] = await Promise.all([getTranslations("eventAdmin"), getTranslations("schedule")]);
  const manage = allows("event.manage", subject, event);
  const themes = (await themesOf(event.id)).map((t) => ({
    id: t.id,
    slug: t.slug,
    title: t.title,
    documentId: t.document?.id ?? null,
    frontMatter: readFrontMatter(t.frontMatter),
    language: t.language,
  }));
  const milestones = await milestonesOf(event);
  const myReports = await reportsOf(event.id, user.id);
  return (
    <main>
      <p className="small">
        <Link href="/workspace">← {t("yourEvents")}</Link>
      </p>
      <h1>{event.name}</h1>
      <p className="muted">
        {event.place} · {t("timesIn", { zone: event.timeZone })}
        {manage && (
          <>
            {" · "}
            <Link href={`/workspace/events/${event.slug}/audit`}>{t("audit")}</Link>
          </>
        )}
        {allows("comments.review", subject, event) && (
          <>
            {" · "}
            <Link href={`/workspace/events/${event.slug}/dispositions`}>{t("dispositions")}</Link>
          </>
        )}
        {manage && (
          <>
            {" · "}
            <Link href={`/workspace/events/${event.slug}/reports`}>{t("reports")}</Link>
          </>
        )}
        {allows("sources.read", subject, event) && (
          <>
            {" · "}
            <Link href={`/workspace/events/${event.slug}/coverage`}>{t("coverage")}</Link>
          </>
        )}
      </p>
      {myReports.length > 0 && (
        <section className="card" aria-labelledby="my-reports">
          <h2 id="my-reports" style={{ marginTop: 0 }}>
            {t("myReports")}
          </h2>
          <ul>
            {myReports.map((s) => (
              <li key={s.id}>
                <Link href={`/workspace/events/${event.slug}/sessions/${s.id}/report`}>{s.title}</Link>{" "}
                <span className="muted">
                  (
                  {t("reportStatus", {
                    status: s.report?.submittedAt ? (s.report.dirty ? "dirty" : "submitted") : "missing",
                  })}
                  )
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {manage ? (
        <>
          <ThemeManager event={event.slug} themes={themes} />
          <ProgrammeManager event={event.slug} {...await programmeSummary(event.id)} />
          <ScheduleEditor
            event={event.slug}
            timeZone={event.timeZone}
            milestones={milestones}
            themes={themes.map((t) => t.title)}
          />
          <PeopleManager
            event={event.slug}
            timeZone={event.timeZone}
            themes={themes}
            members={await membersOf(event.id)}
            invitations={await pendingInvitations(event.id)}
            sessions={await sessionChoices(event.id)}
          />
          <EventSettings
            event={event.slug}
            settings={{
              name: event.name,
              place: event.place,
              timeZone: event.timeZone,
              openSignup: event.openSignup,
              participantsWatchDrafts: event.participantsWatchDrafts,
              messagesMethod: event.messagesMethod,
            }}
          />
        </>
      ) : (
        <>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{t("themes")}</h2>
            {themes.length === 0 ? (
              <p className="empty">{t("noThemes")}</p>
            ) : (
              <ul>
                {themes.map((t) => (
                  <li key={t.id}>
                    {t.documentId ? <Link href={`/workspace/documents/${t.documentId}`}>{t.title}</Link> : t.title}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card">
            <h2 style={{ marginTop: 0 }}>{t("schedule")}</h2>
            <ul>
              {milestones.map((m) => (
                <li key={m.slug}>
                  {schedule("milestone", { slug: m.slug.replace(/-/g, "") })}: <When iso={m.dueAt} zone={event.timeZone} /> (
                  {event.timeZone}){m.publishedAt ? ` — ${t("published")}` : ""}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}
