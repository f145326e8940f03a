/**
 * What people see of comment threads: on a version page (public, hidden
 * comments left out), beside the live draft (rapporteurs and secretariat,
 * hidden comments marked), and in "my comments".
 */
import { markThemeSeen } from "@/lib/comments/seen";
import { resolveLiveAnchor, toBase64, yMessageTexts } from "@/lib/comments/anchors";
import { DISPOSITION_LABEL, frozenMessageText } from "@/lib/comments/threads";
import { yDocToDocumentJson } from "@/lib/documents";
import { forDocument, forVersion, versionRefusal, type Actor, type CommentAccess } from "./access";
import type { WordPart } from "@/lib/documents/word-diff";
import { amendmentDiff, amendmentTextOf } from "./amend";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { milestoneSlug } from "@/lib/events/schedule";
import type { Comment, CommentThread, Disposition, Version } from "@/lib/generated/prisma/client";
import { allows, type Subject } from "@/lib/permissions";
import type { EventResource } from "@/lib/permissions/table";

export interface CommentView {
  id: string;
  authorName: string;
  /** Empty when deleted, or hidden from this viewer. */
  body: string;
  createdAt: string;
  edited: boolean;
  deleted: boolean;
  hidden: boolean;
  hiddenBy: string;
  /** Earlier texts, for the rapporteurs and the secretariat. */
  history: string[];
  mine: boolean;
  can: { edit: boolean; hide: boolean };
}

export interface ThreadView {
  id: string;
  /** The event's time zone, for showing times. */
  timeZone: string;
  messageId: string;
  version: { id: string; number: number; label: string; milestone: string } | null;
  start: number | null;
  end: number | null;
  anchor: { start: string; end: string } | null;
  quote: string;
  authorName: string;
  createdAt: string;
  resolved: boolean;
  disposition: Disposition;
  dispositionLabel: string;
  dispositionReply: string;
  dispositionBy: string;
  dispositionAt: string | null;
  comments: CommentView[];
  can: { reply: boolean; resolve: boolean; dispose: boolean };
  kind: "COMMENT" | "AMENDMENT";
  /** For an amendment: what it proposes, its diff against the version's text, and whether it was applied. */
  amendment: AmendmentView | null;
}

export interface AmendmentView {
  proposedText: string;
  newMessage: boolean;
  /** Word-level, from the version's text to the proposal (all added for a new message). */
  diff: WordPart[];
  applied: { text: string; at: string; by: string; messageId: string | null } | null;
}

function amendmentView(row: CommentThread): AmendmentView | null {
  if (row.kind !== "AMENDMENT" || row.proposedText === null) return null;
  return {
    proposedText: row.proposedText,
    newMessage: row.newMessage,
    diff: row.newMessage ? [{ text: row.proposedText, change: "added" }] : amendmentDiff(row.quote, row.proposedText),
    applied:
      row.appliedAt && row.appliedText !== null
        ? { text: row.appliedText, at: row.appliedAt.toISOString(), by: row.appliedBy, messageId: row.appliedMessageId }
        : null,
  };
}

type ThreadRow = CommentThread & {
  comments: (Comment & { author: { name: string } })[];
  author: { name: string };
  version: Version | null;
};

const THREAD_INCLUDE = {
  comments: { orderBy: { createdAt: "asc" as const }, include: { author: { select: { name: true } } } },
  author: { select: { name: true } },
  version: true,
};

interface ViewContext {
  timeZone: string;
  subject: Subject;
  resource: EventResource;
  latestVersionId: string | null;
}

/** Shapes a thread for one viewer; null when nothing of it is left for them to see. */
function present(row: ThreadRow, ctx: ViewContext, milestoneKinds: Map<string, string>): ThreadView | null {
  const reviewer = allows("comments.review", ctx.subject, ctx.resource);
  const resource: EventResource = {
    ...ctx.resource,
    onVersion: row.versionId !== null,
    latestVersion: row.versionId !== null && row.versionId === ctx.latestVersionId,
    authorId: row.authorId,
  };
  const comments = row.comments
    .filter((c) => reviewer || !c.hiddenAt)
    .map((c): CommentView => {
      const own = { ...resource, authorId: c.authorId };
      return {
        id: c.id,
        authorName: c.author.name,
        body: c.deletedAt ? "" : c.body,
        createdAt: c.createdAt.toISOString(),
        edited: c.editedAt !== null,
        deleted: c.deletedAt !== null,
        hidden: c.hiddenAt !== null,
        hiddenBy: reviewer ? c.hiddenBy : "",
        history: reviewer ? c.history : [],
        mine: ctx.subject.userId === c.authorId,
        can: {
          edit: !c.deletedAt && !c.hiddenAt && allows("comment.own", ctx.subject, own),
          hide: !c.deletedAt && allows("comment.hide", ctx.subject, own),
        },
      };
    });
  // A thread whose every comment is deleted (or hidden from this viewer) is gone.
  if (!comments.some((c) => !c.deleted)) return null;
  return {
    id: row.id,
    timeZone: ctx.timeZone,
    messageId: row.messageId,
    version: row.version
      ? {
          id: row.version.id,
          number: row.version.number,
          label: row.version.label,
          milestone: milestoneKinds.get(row.version.milestoneId) ?? "",
        }
      : null,
    start: row.startOffset,
    end: row.endOffset,
    anchor: row.anchorStart && row.anchorEnd ? { start: toBase64(row.anchorStart), end: toBase64(row.anchorEnd) } : null,
    quote: row.quote,
    authorName: row.author.name,
    createdAt: row.createdAt.toISOString(),
    resolved: row.resolved,
    disposition: row.disposition,
    dispositionLabel: DISPOSITION_LABEL[row.disposition],
    dispositionReply: row.dispositionReply,
    dispositionBy: row.dispositionBy,
    dispositionAt: row.dispositionAt?.toISOString() ?? null,
    comments,
    can: {
      reply: allows("thread.reply", ctx.subject, resource),
      resolve: allows("thread.resolve", ctx.subject, resource),
      dispose: allows("thread.dispose", ctx.subject, resource),
    },
    kind: row.kind,
    amendment: amendmentView(row),
  };
}

async function milestoneSlugs(eventId: string): Promise<Map<string, string>> {
  const milestones = await db().milestone.findMany({ where: { eventId } });
  return new Map(milestones.map((m) => [m.id, milestoneSlug(m.kind)]));
}

function viewContext(access: CommentAccess): ViewContext {
  return {
    timeZone: access.event.timeZone,
    subject: access.subject,
    resource: { ...access.resource, onVersion: undefined, latestVersion: undefined },
    latestVersionId: access.latestVersionId,
  };
}

export interface VersionThreads {
  threads: ThreadView[];
  /** Whether this viewer may start a thread here, and if not, why. */
  canStart: boolean;
  why: string;
  signedIn: boolean;
  /** Whether the viewer has a role on the event (or is a site admin). */
  member: boolean;
}

/** Threads on one version, as its public page shows them to this viewer. */
export async function versionThreads(actor: Actor | null, versionId: string): Promise<VersionThreads> {
  const access = await forVersion(actor, versionId);
  const ctx = viewContext(access);
  const kinds = await milestoneSlugs(access.event.id);
  const rows = await db().commentThread.findMany({
    where: { versionId },
    orderBy: { createdAt: "asc" },
    include: THREAD_INCLUDE,
  });
  const threads = rows.map((r) => present(r, ctx, kinds)).filter((t): t is ThreadView => t !== null);
  const refusal = versionRefusal(access);
  const canStart = refusal === null;
  const why = refusal?.message ?? "";
  const member = ctx.subject.role !== null || ctx.subject.siteAdmin;
  return { threads, canStart, why, signedIn: actor !== null, member };
}

export interface DraftThreads {
  /** Threads on the live draft, each with where its words are now in the stored draft. */
  live: (ThreadView & { current: { messageId: string; start: number; end: number; text: string } | null })[];
  /** Participants' threads on published versions, with how their message has fared since. */
  input: (ThreadView & {
    messageState: "unchanged" | "changed" | "gone";
    frozenText: string;
    /** For amendments: the message's text in the draft now, and the proposal's diff against it. */
    draft: { text: string; diff: WordPart[] } | null;
  })[];
  canStart: boolean;
  windowOpen: boolean;
  final: boolean;
}

/** Everything the comment panel beside a live draft shows (rapporteurs and secretariat). */
/** The reviewer has read the comments beside the draft (the panel says so once it has shown them). */
export async function markDraftCommentsSeen(actor: Actor, documentId: string): Promise<void> {
  const access = await forDocument(actor, documentId);
  access.require("comments.review", REVIEWERS_ONLY);
  await markThemeSeen(actor.id, access.document.themeId);
}

const REVIEWERS_ONLY = "Only rapporteurs and the secretariat see the comments beside the live draft.";

export async function draftThreads(actor: Actor, documentId: string): Promise<DraftThreads> {
  const access = await forDocument(actor, documentId);
  access.require("comments.review", REVIEWERS_ONLY);
  const { event, window } = access;
  const ctx = viewContext(access);
  const kinds = await milestoneSlugs(event.id);
  const rows = await db().commentThread.findMany({
    where: { documentId },
    orderBy: { createdAt: "asc" },
    include: THREAD_INCLUDE,
  });
  const ydoc = await loadDraft(documentId);
  try {
    const texts = yMessageTexts(ydoc);
    const draftDoc = yDocToDocumentJson(ydoc);
    const draftTexts = new Map(
      (draftDoc.content ?? []).flatMap((n) => (n.type === "message" ? [[n.attrs.messageId, amendmentTextOf(n)] as const] : [])),
    );
    const live: DraftThreads["live"] = [];
    const input: DraftThreads["input"] = [];
    for (const row of rows) {
      const view = present(row, ctx, kinds);
      if (!view) continue;
      if (row.versionId === null) {
        const current =
          row.anchorStart && row.anchorEnd
            ? resolveLiveAnchor(ydoc, { start: row.anchorStart, end: row.anchorEnd })
            : texts.has(row.messageId)
              ? { messageId: row.messageId, start: 0, end: texts.get(row.messageId)!.length, text: texts.get(row.messageId)! }
              : null;
        live.push({ ...view, current });
      } else {
        const frozenText = frozenMessageText(row.version!.canonicalJson, row.messageId) ?? "";
        const now = texts.get(row.messageId);
        const draftText = draftTexts.get(row.messageId);
        input.push({
          ...view,
          frozenText,
          messageState: now === undefined ? "gone" : now === frozenText ? "unchanged" : "changed",
          draft:
            view.amendment && draftText !== undefined
              ? {
                  text: draftText,
                  diff: view.amendment.newMessage ? view.amendment.diff : amendmentDiff(draftText, view.amendment.proposedText),
                }
              : null,
        });
      }
    }
    return {
      live,
      input,
      canStart: allows("thread.startDraft", ctx.subject, ctx.resource),
      windowOpen: window.windowOpen,
      final: window.final,
    };
  } finally {
    ydoc.destroy();
  }
}

export interface MyComment {
  threadId: string;
  event: { slug: string; name: string; timeZone: string };
  theme: { slug: string; title: string };
  version: { number: number; label: string; milestone: string } | null;
  messageId: string;
  quote: string;
  body: string;
  createdAt: string;
  edited: boolean;
  hidden: boolean;
  disposition: Disposition;
  dispositionLabel: string;
  dispositionReply: string;
  replies: number;
  kind: "COMMENT" | "AMENDMENT";
  /** For an amendment: what it proposed, and what was applied (null until then). */
  proposedText: string | null;
  newMessage: boolean;
  appliedText: string | null;
}

/** The threads on published versions that the user started or wrote in, newest first. */
export async function myComments(actor: Actor): Promise<MyComment[]> {
  const rows = await db().commentThread.findMany({
    where: { versionId: { not: null }, comments: { some: { authorId: actor.id, deletedAt: null } } },
    orderBy: { createdAt: "desc" },
    include: {
      comments: { orderBy: { createdAt: "asc" } },
      version: { include: { milestone: true } },
      document: { include: { theme: { include: { event: true } } } },
    },
  });
  return rows
    .filter((r) => !r.document.archived && !r.document.theme.event.archived)
    .map((r) => {
      const mine = r.comments.find((c) => c.authorId === actor.id && !c.deletedAt)!;
      return {
        threadId: r.id,
        event: {
          slug: r.document.theme.event.slug,
          name: r.document.theme.event.name,
          timeZone: r.document.theme.event.timeZone,
        },
        theme: { slug: r.document.theme.slug, title: r.document.theme.title },
        version: r.version
          ? { number: r.version.number, label: r.version.label, milestone: milestoneSlug(r.version.milestone.kind) }
          : null,
        messageId: r.messageId,
        quote: r.quote,
        body: mine.body,
        createdAt: mine.createdAt.toISOString(),
        edited: mine.editedAt !== null,
        hidden: mine.hiddenAt !== null,
        disposition: r.disposition,
        dispositionLabel: DISPOSITION_LABEL[r.disposition],
        dispositionReply: r.dispositionReply,
        replies: r.comments.filter((c) => c.id !== mine.id && !c.deletedAt && !c.hiddenAt).length,
        kind: r.kind,
        proposedText: r.proposedText,
        newMessage: r.newMessage,
        appliedText: r.appliedText,
      };
    });
}
