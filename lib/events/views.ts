/**
 * What the event's pages and routes read, beside the commands: queries shaped
 * for one page each, so that files under app/ stay thin (they never import
 * the database client; a test fails if one does).
 */
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";

/** A live (not archived) event by slug, or null. */
export async function liveEvent(slug: string) {
  const event = await db().event.findUnique({ where: { slug } });
  return event && !event.archived ? event : null;
}

/** A live event by slug, or 404 with a sentence naming it. */
export async function requireLiveEvent(slug: string) {
  const event = await liveEvent(slug);
  if (!event) throw notFound(`There is no event "${slug}".`);
  return event;
}

/** An event by slug, archived or not (a published version stays at its address). */
export function eventBySlug(slug: string) {
  return db().event.findUniqueOrThrow({ where: { slug } });
}

/** A live theme of the event by slug, or 404. */
export async function liveThemeBySlug(eventId: string, slug: string) {
  const theme = await db().theme.findFirst({ where: { eventId, slug, archived: false } });
  if (!theme) throw notFound(`There is no theme "${slug}" in this event.`);
  return theme;
}

/** The public programme's event: its live themes with their sub-themes, in order; null when there is none. */
export async function programmeEvent(slug: string) {
  const event = await db().event.findUnique({
    where: { slug },
    include: {
      themes: {
        where: { archived: false },
        orderBy: { position: "asc" },
        include: { subThemes: { orderBy: { position: "asc" } } },
      },
    },
  });
  return event && !event.archived ? event : null;
}

/** A session of a live event, with its event and theme (and sub-themes); null when there is none. */
export function publicSession(slug: string, sessionId: string) {
  return db().session.findFirst({
    where: { id: sessionId, event: { slug, archived: false } },
    include: { event: true, theme: { include: { subThemes: true } } },
  });
}

/** The sessions a user reports on, with their report's state, by start. */
export function reportsOf(eventId: string, userId: string) {
  return db().session.findMany({
    where: { eventId, reporters: { some: { userId } } },
    include: { report: { select: { submittedAt: true, dirty: true } } },
    orderBy: { startsAt: "asc" },
  });
}

/** What the secretariat's programme manager shows: how many sessions, and the themes with their sub-themes. */
export async function programmeSummary(eventId: string) {
  const [sessions, themes] = await Promise.all([
    db().session.count({ where: { eventId } }),
    db().theme.findMany({
      where: { eventId, archived: false },
      orderBy: { position: "asc" },
      select: {
        id: true,
        title: true,
        subThemes: { orderBy: { position: "asc" }, select: { name: true, facilitator: true } },
      },
    }),
  ]);
  return { sessions, themes };
}

/** Every session's id and title, by start: for choosing sessions (invitations). */
export function sessionChoices(eventId: string) {
  return db().session.findMany({
    where: { eventId },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
    select: { id: true, title: true },
  });
}

/** The reports page: every session with its theme, reporters and report (with its number of submissions). */
export function sessionsWithReports(eventId: string) {
  return db().session.findMany({
    where: { eventId },
    include: { theme: true, reporters: true, report: { include: { _count: { select: { revisions: true } } } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
}

/** The event's active members, by name. */
export function activeMembers(eventId: string) {
  return db().membership.findMany({
    where: { eventId, user: { archived: false } },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
}

/** The live themes of these events, with their documents, in order: the workspace home. */
export function themesOfEvents(eventIds: string[]) {
  return db().theme.findMany({
    where: { eventId: { in: eventIds }, archived: false },
    include: { document: { select: { id: true, locked: true } } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}
