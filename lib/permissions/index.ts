import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { allows, readOnlyReason, type EventAction, type Subject } from "@/lib/permissions/table";

export { allows, PERMISSIONS, type EventAction, type Subject } from "@/lib/permissions/table";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Actor = Pick<CurrentUser, "id" | "siteAdmin"> | null;

/** The actor's standing on an event, read from the database at every check. */
export async function subjectFor(actor: Actor, eventId: string): Promise<Subject> {
  if (!actor) return { userId: null, siteAdmin: false, role: null, themeIds: [] };
  const membership = await db().membership.findUnique({
    where: { userId_eventId: { userId: actor.id, eventId } },
  });
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { siteAdmin: true, archived: true } });
  if (!user || user.archived) return { userId: null, siteAdmin: false, role: null, themeIds: [] };
  return { userId: actor.id, siteAdmin: user.siteAdmin, role: membership?.role ?? null, themeIds: membership?.themeIds ?? [] };
}

/** Loads a live (not archived) event by slug and checks the action, or throws 404/403. */
export async function authorizeEvent(actor: Actor, slug: string, action: EventAction) {
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) throw notFound(`There is no event "${slug}".`);
  const subject = await subjectFor(actor, event.id);
  if (!allows(action, subject, { participantsWatchDrafts: event.participantsWatchDrafts })) {
    throw forbidden(subject.role || subject.siteAdmin ? undefined : "You are not a member of this event.");
  }
  return { event, subject };
}

export function requireSiteAdmin(actor: Actor & { siteAdmin: boolean }): void {
  if (!actor?.siteAdmin) throw forbidden("Only a site admin may do that.");
}

export type DocumentAccess =
  | { mode: "write"; eventId: string; userId: string }
  | { mode: "read"; eventId: string; userId: string; reason: string }
  | { mode: "none"; reason: string };

/**
 * What a user may do with a theme's live draft: write, read or nothing. The
 * document page and the collaboration server both ask this.
 */
export async function documentAccess(actor: Actor, documentId: string): Promise<DocumentAccess> {
  if (!UUID.test(documentId)) return { mode: "none", reason: "No such document." };
  const document = await db().document.findUnique({
    where: { id: documentId },
    include: { theme: { include: { event: true } } },
  });
  if (!document || document.archived || document.theme.event.archived) return { mode: "none", reason: "No such document." };
  if (!actor) return { mode: "none", reason: "Please sign in." };
  const event = document.theme.event;
  const subject = await subjectFor(actor, event.id);
  return accessOf(subject, event.id, {
    participantsWatchDrafts: event.participantsWatchDrafts,
    themeId: document.themeId,
    locked: document.locked,
  });
}

/** The one place a subject's standing on a draft becomes write, read or nothing (from the permission table). */
function accessOf(
  subject: Subject,
  eventId: string,
  resource: { participantsWatchDrafts: boolean; themeId: string; locked: boolean },
): DocumentAccess {
  const userId = subject.userId!;
  if (allows("draft.write", subject, resource)) return { mode: "write", eventId, userId };
  if (allows("draft.read", subject, resource))
    return { mode: "read", eventId, userId, reason: readOnlyReason(subject, resource) };
  return { mode: "none", reason: "You do not have access to this document." };
}

interface SessionRow {
  id: string;
  email: string;
  name: string;
  siteAdmin: boolean;
  sessionVersion: number;
  archived: boolean;
  emailVerifiedAt: Date | null;
  documentArchived: boolean | null;
  locked: boolean | null;
  themeId: string | null;
  eventId: string | null;
  eventArchived: boolean | null;
  participantsWatchDrafts: boolean | null;
  role: Subject["role"];
  themeIds: string[] | null;
}

/**
 * For the collaboration server, on every upgrade and re-check: whether a
 * session token's claims still stand and what they allow on a draft, in one
 * database round trip (user, document, event and membership in one query).
 * The same rules as `userForToken` and `documentAccess`. Null: no valid session.
 */
export async function sessionDocumentAccess(
  claims: { uid?: string; sv?: number },
  documentId: string,
): Promise<{ user: CurrentUser; access: DocumentAccess } | null> {
  if (!claims.uid || claims.sv === undefined || !UUID.test(claims.uid)) return null;
  const documentKey = UUID.test(documentId) ? documentId : null;
  const [row] = await db().$queryRaw<SessionRow[]>`
    select u.id, u.email, u.name, u."siteAdmin", u."sessionVersion", u.archived, u."emailVerifiedAt",
           d.archived as "documentArchived", d.locked, d."themeId",
           e.id as "eventId", e.archived as "eventArchived", e."participantsWatchDrafts",
           m.role, m."themeIds"
    from "User" u
    left join "Document" d on d.id = ${documentKey}::uuid
    left join "Theme" t on t.id = d."themeId"
    left join "Event" e on e.id = t."eventId"
    left join "Membership" m on m."userId" = u.id and m."eventId" = e.id
    where u.id = ${claims.uid}::uuid`;
  if (!row || row.archived || !row.emailVerifiedAt || row.sessionVersion !== claims.sv) return null;
  const user: CurrentUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    siteAdmin: row.siteAdmin,
    sessionVersion: row.sessionVersion,
  };
  if (!row.eventId || row.documentArchived || row.eventArchived)
    return { user, access: { mode: "none", reason: "No such document." } };
  const subject: Subject = { userId: row.id, siteAdmin: row.siteAdmin, role: row.role ?? null, themeIds: row.themeIds ?? [] };
  const access = accessOf(subject, row.eventId, {
    participantsWatchDrafts: Boolean(row.participantsWatchDrafts),
    themeId: row.themeId!,
    locked: Boolean(row.locked),
  });
  return { user, access };
}
