/**
 * Comment threads: starting them on a live draft or on a published version,
 * replies, resolving, dispositions, editing and deleting one's own comments,
 * hiding. Every action checks the one permission table, runs in one
 * transaction with its audit entry, and refuses bad input with a clear error.
 */
import { parseFrozen } from "@/lib/publishing/render";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "@/lib/infra/rate-limits";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notifyLive } from "@/lib/collab/control";
import { fromBase64, isEncodedPosition, MAX_ANCHOR_BYTES, resolveLiveAnchor, yMessageTexts } from "@/lib/comments/anchors";
import { commentBody, publicReply } from "@/lib/comments/text";
import { config } from "@/lib/config";
import { db, type Tx } from "@/lib/db";
import { messagePlainText, type MessageJson } from "@/lib/documents";
import { loadDraft } from "@/lib/drafts/store";
import { conflict, forbidden, invalid, notFound, tooMany } from "@/lib/errors";
import type { Disposition } from "@/lib/generated/prisma/enums";
import { forDocument, forThread, forVersion, versionRefusal, type Actor } from "./access";

export { eventWindow, type Actor, type EventWindow } from "./access";

export const DISPOSITIONS = ["PENDING", "INCORPORATED", "PARTLY_INCORPORATED", "NOT_TAKEN_UP", "OUT_OF_SCOPE"] as const;

export const DISPOSITION_LABEL: Record<Disposition, string> = {
  PENDING: "Pending",
  INCORPORATED: "Incorporated",
  PARTLY_INCORPORATED: "Partly incorporated",
  NOT_TAKEN_UP: "Not taken up",
  OUT_OF_SCOPE: "Out of scope",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MESSAGE_ID = z.string().min(1).max(64);

// ---------------------------------------------------------------------------
// Input shapes (validated at the route boundary and again here)

export const versionThreadInput = z
  .object({
    messageId: MESSAGE_ID,
    /** UTF-16 offsets into the frozen message text; leave both out for the whole message. */
    start: z.number().int().min(0).optional(),
    end: z.number().int().min(0).optional(),
    body: commentBody,
  })
  .strict()
  .refine((v) => (v.start === undefined) === (v.end === undefined), {
    message: "Give both start and end, or neither for the whole message.",
  });

const base64Position = z.union([
  z.instanceof(Uint8Array).refine(isEncodedPosition, "is not a Yjs relative position"),
  z
    .string()
    .max(Math.ceil(MAX_ANCHOR_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64")
    .transform((s, ctx) => {
      const bytes = fromBase64(s);
      if (!isEncodedPosition(bytes)) {
        ctx.addIssue({ code: "custom", message: "is not a Yjs relative position" });
        return z.NEVER;
      }
      return bytes;
    }),
]);

export const draftThreadInput = z
  .object({
    messageId: MESSAGE_ID,
    /** Encoded Yjs relative positions (base64); leave out for the whole message. */
    anchor: z.object({ start: base64Position, end: base64Position }).strict().optional(),
    body: commentBody,
  })
  .strict();

export const replyInput = z.object({ body: commentBody }).strict();
export const resolveInput = z.object({ resolved: z.boolean() }).strict();
export const dispositionInput = z.object({ disposition: z.enum(DISPOSITIONS), reply: publicReply.default("") }).strict();
export const hideInput = z.object({ hidden: z.boolean() }).strict();

let limiter: RateLimiterAbstract | undefined;

/** At most COMMENT_MAX_PER_MINUTE comments (new, replies and edits) per user and minute. */
export async function chargeRate(actor: Actor): Promise<void> {
  limiter ??= sharedLimiter({ keyPrefix: "comments", points: config().COMMENT_MAX_PER_MINUTE, duration: 60 });
  try {
    await limiter.consume(actor.id);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw tooMany(`You are commenting too quickly. Try again in ${seconds} seconds; your text is still in the form.`);
    }
    throw error;
  }
}

const who = (actor: Actor) => ({ id: actor.id, name: actor.name });

/** Where a thread is: its event, its document, and its version (null on the live draft). */
export interface ThreadPlace {
  eventId: string;
  documentId: string;
  versionId: string | null;
}

export const placeOf = (ctx: {
  event: { id: string };
  document: { id: string };
  thread: { versionId: string | null };
}): ThreadPlace => ({
  eventId: ctx.event.id,
  documentId: ctx.document.id,
  versionId: ctx.thread.versionId,
});

/** A change to a thread, a comment or an amendment: its audit entry and the live signal for open pages, in the change's transaction. */
export async function recordThreadChange(
  tx: Tx,
  place: ThreadPlace,
  actor: Actor,
  action: string,
  target: string,
  details?: Record<string, unknown>,
): Promise<void> {
  await recordAudit(tx, { eventId: place.eventId, actor: who(actor), action, target, details });
  await notifyLive(tx, { kind: "comments", ...place });
}

/** Creates a thread with its first comment and the audit entry, in one transaction. */
function insertThread(
  actor: Actor,
  eventId: string,
  thread: {
    documentId: string;
    versionId?: string;
    messageId: string;
    startOffset?: number | null;
    endOffset?: number | null;
    anchorStart?: Uint8Array<ArrayBuffer> | null;
    anchorEnd?: Uint8Array<ArrayBuffer> | null;
    quote: string;
    body: string;
    details: Record<string, unknown>;
  },
) {
  const { body, details, ...fields } = thread;
  return db().$transaction(async (tx) => {
    const created = await tx.commentThread.create({
      data: { ...fields, authorId: actor.id, comments: { create: { authorId: actor.id, body } } },
    });
    await recordThreadChange(
      tx,
      { eventId, documentId: fields.documentId, versionId: fields.versionId ?? null },
      actor,
      "comment.thread.start",
      created.id,
      details,
    );
    return created;
  });
}

// ---------------------------------------------------------------------------
// Starting threads

/** The frozen text of a message of a version, or null if the version has no such message. */
export function frozenMessageText(canonicalJson: string, messageId: string): string | null {
  const message = (parseFrozen(canonicalJson).content.content ?? []).find(
    (n): n is MessageJson => n.type === "message" && n.attrs.messageId === messageId,
  );
  return message ? messagePlainText(message) : null;
}

/** A participant (or a drafter) comments on a message of the latest published version. */
export async function startVersionThread(actor: Actor, versionId: string, input: unknown) {
  const data = versionThreadInput.parse(input);
  const access = await forVersion(actor, versionId);
  const refusal = versionRefusal(access);
  if (refusal) throw refusal;
  const { version, event } = access;
  const text = frozenMessageText(version.canonicalJson, data.messageId);
  if (text === null) throw invalid(`This version has no message "${data.messageId}".`);
  let quote = text;
  if (data.start !== undefined && data.end !== undefined) {
    if (data.start >= data.end || data.end > text.length) {
      throw invalid(`The selection ${data.start}–${data.end} is not inside the message (0–${text.length}).`);
    }
    quote = text.slice(data.start, data.end);
  }
  await chargeRate(actor);
  return insertThread(actor, event.id, {
    documentId: version.documentId,
    versionId: version.id,
    messageId: data.messageId,
    startOffset: data.start ?? null,
    endOffset: data.end ?? null,
    quote,
    body: data.body,
    details: { version: version.label, theme: access.document.theme.slug, messageId: data.messageId },
  });
}

/** A rapporteur or the secretariat comments on the live draft, anchored by Yjs relative positions. */
export async function startDraftThread(actor: Actor, documentId: string, input: unknown) {
  const data = draftThreadInput.parse(input);
  const access = await forDocument(actor, documentId);
  const { document, event, window } = access;
  if (!access.can("thread.startDraft")) {
    if (window.final || document.locked)
      throw conflict("The final version is published; no new threads can be started.", "window_closed");
    throw forbidden("Only rapporteurs and the secretariat comment on the live draft.");
  }
  const ydoc = await loadDraft(documentId);
  let messageId = data.messageId;
  let quote: string;
  try {
    if (data.anchor) {
      const resolved = resolveLiveAnchor(ydoc, data.anchor);
      if (!resolved) {
        throw conflict(
          "The selected words are not in the saved draft yet. Wait until it says “Saved” and try again.",
          "not_saved_yet",
        );
      }
      messageId = resolved.messageId;
      quote = resolved.text;
    } else {
      const text = yMessageTexts(ydoc).get(messageId);
      if (text === undefined) throw invalid(`The draft has no message "${messageId}".`);
      quote = text;
    }
  } finally {
    ydoc.destroy();
  }
  await chargeRate(actor);
  return insertThread(actor, event.id, {
    documentId,
    messageId,
    anchorStart: data.anchor ? new Uint8Array(data.anchor.start) : null,
    anchorEnd: data.anchor ? new Uint8Array(data.anchor.end) : null,
    quote,
    body: data.body,
    details: { draft: true, theme: document.theme.slug, messageId },
  });
}

// ---------------------------------------------------------------------------
// Replies, resolving, dispositions

export async function replyToThread(actor: Actor, threadId: string, input: unknown) {
  const { body } = replyInput.parse(input);
  const ctx = await forThread(actor, threadId);
  if (!ctx.can("thread.reply")) {
    throw ctx.resource.final
      ? conflict("The final version is published; only the rapporteurs and the secretariat answer now.", "window_closed")
      : forbidden("The comment window is closed.", "window_closed");
  }
  await chargeRate(actor);
  return db().$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { threadId, authorId: actor.id, body } });
    await recordThreadChange(tx, placeOf(ctx), actor, "comment.reply", threadId);
    return comment;
  });
}

export async function setThreadResolved(actor: Actor, threadId: string, input: unknown) {
  const { resolved } = resolveInput.parse(input);
  const ctx = await forThread(actor, threadId);
  ctx.require("thread.resolve", "Only the thread's author, the theme's rapporteurs or the secretariat may resolve it.");
  return db().$transaction(async (tx) => {
    const thread = await tx.commentThread.update({ where: { id: threadId }, data: { resolved } });
    await recordThreadChange(tx, placeOf(ctx), actor, resolved ? "comment.thread.resolve" : "comment.thread.reopen", threadId);
    return thread;
  });
}

export async function setDisposition(actor: Actor, threadId: string, input: unknown) {
  const data = dispositionInput.parse(input);
  const ctx = await forThread(actor, threadId);
  if (!ctx.resource.onVersion) throw invalid("Dispositions are set on comments about published versions.");
  ctx.require("thread.dispose", "Only the theme's rapporteurs or the secretariat set dispositions.");
  return db().$transaction(async (tx) => {
    const thread = await tx.commentThread.update({
      where: { id: threadId },
      data: { disposition: data.disposition, dispositionReply: data.reply, dispositionBy: actor.name, dispositionAt: new Date() },
    });
    await recordThreadChange(tx, placeOf(ctx), actor, "comment.disposition", threadId, {
      disposition: data.disposition,
      reply: data.reply,
    });
    return thread;
  });
}

// ---------------------------------------------------------------------------
// One comment: edit, delete (its author), hide (the secretariat)

async function commentContext(actor: Actor, commentId: string) {
  if (!UUID.test(commentId)) throw notFound("There is no such comment.");
  const comment = await db().comment.findUnique({ where: { id: commentId } });
  if (!comment || comment.deletedAt) throw notFound("There is no such comment.");
  const ctx = await forThread(actor, comment.threadId, comment.authorId);
  return { ...ctx, comment };
}

function ownCheck(ctx: Awaited<ReturnType<typeof commentContext>>, verb: string): void {
  if (ctx.subject.userId !== ctx.comment.authorId) throw forbidden(`You can only ${verb} your own comments.`);
  if (ctx.comment.hiddenAt) throw forbidden("This comment was hidden by the secretariat.");
  ctx.require(
    "comment.own",
    `The comment window is closed; the comment can no longer be ${verb === "edit" ? "edited" : "deleted"}.`,
  );
}

export async function editComment(actor: Actor, commentId: string, input: unknown) {
  const { body } = replyInput.parse(input);
  const ctx = await commentContext(actor, commentId);
  ownCheck(ctx, "edit");
  if (body === ctx.comment.body) return ctx.comment;
  await chargeRate(actor);
  return db().$transaction(async (tx) => {
    const comment = await tx.comment.update({
      where: { id: commentId },
      data: { body, history: { push: ctx.comment.body }, editedAt: new Date() },
    });
    await recordThreadChange(tx, placeOf(ctx), actor, "comment.edit", commentId);
    return comment;
  });
}

export async function deleteComment(actor: Actor, commentId: string) {
  const ctx = await commentContext(actor, commentId);
  ownCheck(ctx, "delete");
  return db().$transaction(async (tx) => {
    // The text goes; the row stays so that a thread with replies keeps its shape.
    const comment = await tx.comment.update({
      where: { id: commentId },
      data: { body: "", history: [], deletedAt: new Date() },
    });
    await recordThreadChange(tx, placeOf(ctx), actor, "comment.delete", commentId);
    return comment;
  });
}

export async function setCommentHidden(actor: Actor, commentId: string, input: unknown) {
  const { hidden } = hideInput.parse(input);
  const ctx = await commentContext(actor, commentId);
  ctx.require("comment.hide", "Only the secretariat may hide comments.");
  return db().$transaction(async (tx) => {
    const comment = await tx.comment.update({
      where: { id: commentId },
      data: hidden ? { hiddenAt: new Date(), hiddenBy: actor.name } : { hiddenAt: null, hiddenBy: "" },
    });
    await recordThreadChange(tx, placeOf(ctx), actor, hidden ? "comment.hide" : "comment.unhide", commentId, {
      thread: ctx.thread.id,
    });
    return comment;
  });
}
