/**
 * The one access loader of the comments domain (threads, comments and
 * amendments): who asks (`subject`), about what (`resource`, for the
 * permission table) and at which point of the event (`window`), loaded the
 * same way for every command and every view. The reasons a viewer may not
 * comment are written once here, for the error a command throws and the note
 * a page shows.
 */
import { db, type Tx } from "@/lib/db";
import { conflict, DomainError, forbidden, notFound } from "@/lib/errors";
import { allows, subjectFor, type EventAction, type Subject } from "@/lib/permissions";
import type { EventResource } from "@/lib/permissions/table";

export interface Actor {
  id: string;
  name: string;
  siteAdmin: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventWindow {
  /** Day 3 is published and Final is not: participants may comment. */
  windowOpen: boolean;
  final: boolean;
}

export async function eventWindow(client: Tx | ReturnType<typeof db>, eventId: string): Promise<EventWindow> {
  const milestones = await client.milestone.findMany({ where: { eventId }, select: { kind: true, publishedAt: true } });
  const published = (kind: string) => milestones.some((m) => m.kind === kind && m.publishedAt !== null);
  return { windowOpen: published("DAY3") && !published("FINAL"), final: published("FINAL") };
}

const DOCUMENT_INCLUDE = { theme: { include: { event: true } } } as const;

async function loadDocumentRow(documentId: string, options: { archived?: "allow" } = {}) {
  const document = UUID.test(documentId)
    ? await db().document.findUnique({ where: { id: documentId }, include: DOCUMENT_INCLUDE })
    : null;
  if (!document || document.theme.event.archived) throw notFound("There is no such document.");
  if (document.archived && options.archived !== "allow") throw notFound("There is no such document.");
  return document;
}

export type LoadedDocument = Awaited<ReturnType<typeof loadDocumentRow>>;

/** What every comment action and view is judged on. */
export interface CommentAccess {
  actor: Actor | null;
  subject: Subject;
  /** The document's standing: theme, lock, window (thread-specific fields added by `forThread`). */
  resource: EventResource;
  window: EventWindow;
  document: LoadedDocument;
  event: LoadedDocument["theme"]["event"];
  latestVersionId: string | null;
  /** Whether the table allows the action here (optionally on a resource adjusted for one thread or comment). */
  can: (action: EventAction, resource?: Partial<EventResource>) => boolean;
  /** Throws 403 with the sentence unless the table allows the action. */
  require: (action: EventAction, message: string, resource?: Partial<EventResource>) => void;
}

async function build(actor: Actor | null, document: LoadedDocument): Promise<CommentAccess> {
  const event = document.theme.event;
  const [subject, window, latest] = await Promise.all([
    subjectFor(actor, event.id),
    eventWindow(db(), event.id),
    db().version.findFirst({ where: { documentId: document.id }, orderBy: { number: "desc" }, select: { id: true } }),
  ]);
  const resource: EventResource = {
    participantsWatchDrafts: event.participantsWatchDrafts,
    themeId: document.themeId,
    locked: document.locked,
    ...window,
  };
  const can = (action: EventAction, extra: Partial<EventResource> = {}) => allows(action, subject, { ...resource, ...extra });
  return {
    actor,
    subject,
    resource,
    window,
    document,
    event,
    latestVersionId: latest?.id ?? null,
    can,
    require: (action, message, extra) => {
      if (!can(action, extra)) throw forbidden(message);
    },
  };
}

/** A live draft's comment context (`archived: "allow"` for reading what stays public). */
export async function forDocument(actor: Actor | null, documentId: string, options: { archived?: "allow" } = {}) {
  return build(actor, await loadDocumentRow(documentId, options));
}

/** A published version's comment context; the resource says whether it is the theme's latest. */
export async function forVersion(actor: Actor | null, versionId: string) {
  const version = UUID.test(versionId) ? await db().version.findUnique({ where: { id: versionId } }) : null;
  if (!version) throw notFound("There is no such version.");
  const access = await build(actor, await loadDocumentRow(version.documentId, { archived: "allow" }));
  const onVersion = { onVersion: true, latestVersion: version.id === access.latestVersionId };
  const can = (action: EventAction, r: Partial<EventResource> = {}) => access.can(action, { ...onVersion, ...r });
  return {
    ...access,
    version,
    resource: { ...access.resource, ...onVersion },
    can,
    require: (action: EventAction, message: string, r?: Partial<EventResource>) => {
      if (!can(action, r)) throw forbidden(message);
    },
  };
}

/**
 * A thread's context. Threads on the live draft exist only for those who
 * review comments (404 for anyone else); `authorId` judges one comment of it.
 */
export async function forThread(actor: Actor, threadId: string, authorId?: string) {
  const thread = UUID.test(threadId)
    ? await db().commentThread.findUnique({
        where: { id: threadId },
        include: { document: { include: DOCUMENT_INCLUDE }, version: true },
      })
    : null;
  if (!thread || thread.document.archived || thread.document.theme.event.archived) throw notFound("There is no such thread.");
  const access = await build(actor, thread.document);
  if (!access.subject.role && !access.subject.siteAdmin) throw forbidden("You are not a member of this event.", "not_member");
  if (!thread.versionId && !access.can("comments.review")) throw notFound("There is no such thread.");
  const extra: Partial<EventResource> = {
    onVersion: thread.versionId !== null,
    latestVersion: thread.versionId !== null && thread.versionId === access.latestVersionId,
    authorId: authorId ?? thread.authorId,
  };
  const resource = { ...access.resource, ...extra };
  const can = (action: EventAction, r: Partial<EventResource> = {}) => access.can(action, { ...extra, ...r });
  return {
    ...access,
    thread,
    resource,
    can,
    require: (action: EventAction, message: string, r?: Partial<EventResource>) => {
      if (!can(action, r)) throw forbidden(message);
    },
  };
}

/**
 * Why this viewer may not start a thread (or propose an amendment) on this
 * version; null when they may. The one copy of these sentences: commands throw
 * the error, pages show its message.
 */
export function versionRefusal(access: Awaited<ReturnType<typeof forVersion>>): DomainError | null {
  if (!access.document.archived && access.can("thread.startVersion")) return null;
  if (access.document.archived)
    return conflict("This theme is archived: its versions stay as published, and take no new comments.", "archived");
  if (access.window.final) return conflict("The final version is published; the comment window is closed.", "window_closed");
  if (!access.window.windowOpen)
    return conflict("The comment window opens when the Day 3 draft is published.", "window_not_open");
  if (!access.resource.latestVersion)
    return conflict("Comments go on the latest published version; this version has been superseded.", "superseded");
  if (!access.actor) return new DomainError("Sign in to comment.", 401);
  return forbidden("Only participants of this event may comment. Join the event first.", "not_member");
}
