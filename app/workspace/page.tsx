import Link from "next/link";
import { CreateEventForm } from "@/components/events/CreateEventForm";
import { pageUser } from "@/lib/auth/page";
import { concerns, unreadCounts } from "@/lib/comments/seen";
import { eventsFor } from "@/lib/events/events";
import { themesOfEvents } from "@/lib/events/views";
import { allows } from "@/lib/permissions";
import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("workspace");

export default async function WorkspaceHome() {
  const user = await pageUser("/workspace");
  const events = await eventsFor(user);
  const t = await getTranslations("workspace");
  const themes = await themesOfEvents(events.map((e) => e.id));
  const unread = new Map<string, number>();
  for (const event of events) {
    const subject = { userId: user.id, siteAdmin: user.siteAdmin, role: event.role, themeIds: event.themeIds };
    if (!allows("comments.review", subject, event)) continue;
    for (const [themeId, count] of await unreadCounts(user.id, event.id)) {
      if (concerns(subject, themeId)) unread.set(themeId, count);
    }
  }
  return (
    <main>
      <h1>{t("heading")}</h1>
      {events.length === 0 && <p className="empty">{t("noEvents")}</p>}
      {events.map((event) => {
        const subject = { userId: user.id, siteAdmin: user.siteAdmin, role: event.role, themeIds: event.themeIds };
        const eventThemes = themes.filter((t) => t.eventId === event.id);
        const manage = allows("event.manage", subject, event);
        return (
          <section className="card" key={event.id} data-testid={`event-${event.slug}`}>
            <h2 style={{ marginTop: 0 }}>
              <Link href={`/workspace/events/${event.slug}`}>{event.name}</Link>{" "}
              <span className="badge">{t("role", { role: event.role ?? "ADMIN" })}</span>
            </h2>
            <p className="muted small">
              {event.place} · {event.timeZone}
            </p>
            {eventThemes.length === 0 && <p className="muted">{manage ? t("noThemesManage") : t("noThemes")}</p>}
            <ul>
              {eventThemes.map((theme) => {
                const resource = { ...event, themeId: theme.id, locked: theme.document?.locked };
                const mode = allows("draft.write", subject, resource)
                  ? "edit"
                  : allows("draft.read", subject, resource)
                    ? "read"
                    : null;
                return (
                  <li key={theme.id}>
                    {mode && theme.document ? (
                      <Link href={`/workspace/documents/${theme.document.id}`}>{theme.title}</Link>
                    ) : (
                      theme.title
                    )}{" "}
                    {mode && <span className="badge">{mode === "edit" ? t("canEdit") : t("readOnly")}</span>}{" "}
                    {(unread.get(theme.id) ?? 0) > 0 && (
                      <span className="badge warning" data-testid={`new-comments-${theme.slug}`}>
                        {t("newComments", { count: unread.get(theme.id) ?? 0 })}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {user.siteAdmin && (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t("createEvent")}</h2>
          <CreateEventForm />
        </section>
      )}
    </main>
  );
}
