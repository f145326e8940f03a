import { db } from "@/lib/db";
import { DomainError, forbidden, notFound } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { allows, readOnlyReason, type EventAction, type Subject } from "@/lib/permissions/table";

export { allows, PERMISSIONS, type EventAction, type Subject } from "@/lib/permissions/table";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who asks: a signed-in user (their id and whether they are a site admin), or null for a visitor. */
type Requester = Pick<CurrentUser, "id" | "siteAdmin"> | null;

/** The actor's standing on an event, read from the database at every check. */
export async function subjectFor(actor: Requester, eventId: string): Promise<Subject> {
  if (!actor) return { userId: null, siteAdmin: false, role: null, themeIds: [] };
  const membership = await db().membership.findUnique({
    where: { userId_eventId: { userId: actor.id, eventId } },
  });
  const user = await db().user.findUnique({ where: { id: actor.id }, select: { siteAdmin: true, archived: true } });
  if (!user || user.archived) return { userId: null, siteAdmin: false, role: null, themeIds: [] };
  return { userId: actor.id, siteAdmin: user.siteAdmin, role: membership?.role ?? null, themeIds: membership?.themeIds ?? [] };
}

/** Loads a live (not archived) event by slug and checks the action, or throws 404/403. */
export async function authorizeEvent(actor: Requester, slug: string, action: EventAction) {
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) throw notFound(`There is no event "${slug}".`);
  const subject = await subjectFor(actor, event.id);
  if (!allows(action, subject, { participantsWatchDrafts: event.participantsWatchDrafts })) {
    throw subject.role || subject.siteAdmin ? forbidden() : forbidden("You are not a member of this event.", "not_member");
  }
  return { event, subject };
}

export function requireSiteAdmin(actor: Requester & { siteAdmin: boolean }): void {
  if (!actor?.siteAdmin) throw forbidden("Only a site admin may do that.");
}

export type DocumentAccess =
  | { mode: "write"; eventId: string; userId: string }
  | {
      mode: "read";
      eventId: string;
      userId: string;
      reason: string;
      /** Final is published: the text is final. */ final: boolean;
    }
  | {
      mode: "none";
      /** Why, for code to branch on: the document does not exist (to this user), no one is signed in, or no right. */
      code: "not_found" | "unauthenticated" | "forbidden";
      reason: string;
    };

/** A refused access as the error a route or command throws: 404, 401 or 403 with the refusal's own code and sentence. */
export function accessRefusal(access: Extract<DocumentAccess, { mode: "none" }>): DomainError {
  const status = { not_found: 404, unauthenticated: 401, forbidden: 403 } as const;
  return new DomainError(access.reason, status[access.code], access.code);
}

/**
 * What a user may do with a theme's live draft: write, read or nothing. The
 * document page and the collaboration server both ask this.
 */
export async function documentAccess(actor: Requester, documentId: string): Promise<DocumentAccess> {
  if (!UUID.test(documentId)) return { mode: "none", code: "not_found", reason: "No such document." };
  const document = await db().document.findUnique({
    where: { id: documentId },
    include: { theme: { include: { event: true } } },
  });
  if (!document || document.archived || document.theme.event.archived)
    return { mode: "none", code: "not_found", reason: "No such document." };
  if (!actor) return { mode: "none", code: "unauthenticated", reason: "Please sign in." };
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
    return { mode: "read", eventId, userId, reason: readOnlyReason(subject, resource), final: resource.locked };
  return { mode: "none", code: "forbidden", reason: "You do not have access to this document." };
}

interface SessionRow {
  id: string;
  email: string;
  name: string;
  siteAdmin: boolean;
  sessionVersion: number;
  locale: string | null;
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

/** What one session may do on one document, judged from its row (same rules as `userForToken` and `documentAccess`). */
function judgeSession(
  row: SessionRow | undefined,
  claims: { sv?: number; sid?: string },
  revoked: boolean,
): SessionDocumentAccess | null {
  if (!row || revoked || row.archived || !row.emailVerifiedAt || row.sessionVersion !== claims.sv) return null;
  const user: CurrentUser = {
    id: row.id,
    email: row.email,
    name: row.name,
    siteAdmin: row.siteAdmin,
    sessionVersion: row.sessionVersion,
    locale: row.locale,
    sessionId: claims.sid ?? null,
  };
  if (!row.eventId || row.documentArchived || row.eventArchived)
    return { user, access: { mode: "none", code: "not_found", reason: "No such document." } };
  const subject: Subject = { userId: row.id, siteAdmin: row.siteAdmin, role: row.role ?? null, themeIds: row.themeIds ?? [] };
  const access = accessOf(subject, row.eventId, {
    participantsWatchDrafts: Boolean(row.participantsWatchDrafts),
    themeId: row.themeId!,
    locked: Boolean(row.locked),
  });
  return { user, access };
}

export type SessionDocumentAccess = { user: CurrentUser; access: DocumentAccess };

interface AccessRequest {
  claims: { uid: string; sv?: number; sid?: string };
  resolve: (result: SessionDocumentAccess | null) => void;
  reject: (error: unknown) => void;
}

/** Most sessions judged by one query. */
const SESSIONS_PER_QUERY = 500;
const waitingChecks = new Map<string | null, AccessRequest[]>();
let checksScheduled = false;

async function checkSessions(documentKey: string | null, requests: AccessRequest[]): Promise<void> {
  const userIds = [...new Set(requests.map((r) => r.claims.uid))];
  const sessionIds = requests.map((r) => r.claims.sid).filter((sid): sid is string => sid !== undefined);
  const revokedQuery = sessionIds.length
    ? db().$queryRaw<{ id: string }[]>`select id from "RevokedSession" where id = any(${sessionIds}::uuid[])`
    : Promise.resolve([]);
  const rowsQuery = db().$queryRaw<SessionRow[]>`
    select u.id, u.email, u.name, u."siteAdmin", u."sessionVersion", u.locale, u.archived, u."emailVerifiedAt",
           d.archived as "documentArchived", d.locked, d."themeId",
           e.id as "eventId", e.archived as "eventArchived", e."participantsWatchDrafts",
           m.role, m."themeIds"
    from "User" u
    left join "Document" d on d.id = ${documentKey}::uuid
    left join "Theme" t on t.id = d."themeId"
    left join "Event" e on e.id = t."eventId"
    left join "Membership" m on m."userId" = u.id and m."eventId" = e.id
    where u.id = any(${userIds}::uuid[])`;
  const [rows, revokedRows] = await Promise.all([rowsQuery, revokedQuery]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const revoked = new Set(revokedRows.map((row) => row.id));
  for (const request of requests)
    request.resolve(judgeSession(byId.get(request.claims.uid), request.claims, revoked.has(request.claims.sid ?? "")));
}

function runWaitingChecks(): void {
  checksScheduled = false;
  const batches = [...waitingChecks];
  waitingChecks.clear();
  for (const [documentKey, requests] of batches) {
    for (let i = 0; i < requests.length; i += SESSIONS_PER_QUERY) {
      const chunk = requests.slice(i, i + SESSIONS_PER_QUERY);
      checkSessions(documentKey, chunk).catch((error: unknown) => chunk.forEach((r) => r.reject(error)));
    }
  }
}

/**
 * For the collaboration server, on every upgrade and re-check: whether a
 * session token's claims still stand and what they allow on a draft, in one
 * database round trip (user, document, event and membership in one query).
 * Checks asked for in the same event-loop turn share that round trip, one
 * query per document for up to 500 sessions: a plenary's audience arriving
 * at once, or a rights change re-checking every socket, costs a few queries
 * instead of one per socket. The same rules as `userForToken` and
 * `documentAccess`. Null: no valid session.
 */
export function sessionDocumentAccess(
  claims: { uid?: string; sv?: number; sid?: string },
  documentId: string,
): Promise<SessionDocumentAccess | null> {
  const uid = claims.uid;
  if (!uid || claims.sv === undefined || !UUID.test(uid)) return Promise.resolve(null);
  // A malformed session id is no session (it could never have been minted by sign-in).
  if (claims.sid !== undefined && !UUID.test(claims.sid)) return Promise.resolve(null);
  const documentKey = UUID.test(documentId) ? documentId : null;
  return new Promise((resolve, reject) => {
    const list = waitingChecks.get(documentKey) ?? [];
    list.push({ claims: { uid, sv: claims.sv, sid: claims.sid }, resolve, reject });
    waitingChecks.set(documentKey, list);
    if (!checksScheduled) {
      checksScheduled = true;
      setImmediate(runWaitingChecks);
    }
  });
}
