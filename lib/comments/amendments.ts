/**
 * Amendment commands: a participant proposes new wording for a message of the
 * latest published version (or a new message after it), with a reason; a
 * rapporteur applies it to the live draft (their editor makes the edit, or,
 * for an API client, the server-side write path of lib/drafts/server-write.ts)
 * and records it here, or rejects it with a reason. An amendment is a comment thread of kind
 * AMENDMENT: it is discussed with replies and listed with the dispositions.
 */
import { z } from "zod";
import { db } from "@/lib/db";
import { writeDraft } from "@/lib/drafts/server-write";
import type { MessageJson } from "@/lib/documents";
import { conflict, forbidden, invalid } from "@/lib/errors";
import { parseFrozen } from "@/lib/publishing/render";
import { forThread, forVersion, versionRefusal, type Actor } from "./access";
import {
  MAX_AMENDMENT_LENGTH,
  amendmentParagraphs,
  amendmentTextOf,
  appliedDisposition,
  newMessageIdFor,
  normalizeAmendment,
} from "./amend";
import { applyAmendmentToYDoc } from "./apply-yjs";
import { commentBody, publicReply } from "./text";
import { chargeRate, placeOf, recordThreadChange } from "./threads";

const amendmentText = z
  .string({ error: "Write the text you propose." })
  .max(MAX_AMENDMENT_LENGTH, `An amendment has at most ${MAX_AMENDMENT_LENGTH} characters.`)
  .refine((text) => amendmentParagraphs(text).length > 0, "The proposed text is empty.");

export const amendmentInput = z
  .object({
    messageId: z.string().min(1).max(64),
    /** The proposed text: paragraphs separated by a blank line. */
    text: amendmentText,
    /** Why: the amendment's first comment. */
    reason: commentBody,
    /** Propose a new message after `messageId` instead of new wording for it. */
    newMessage: z.boolean().default(false),
  })
  .strict();

export const applyInput = z
  .object({
    /** The text the rapporteur put into the draft (the proposal, or their edit of it). */
    text: amendmentText,
    /** For a new message: the id it got in the draft. */
    messageId: z.string().min(1).max(64).optional(),
    /**
     * True when the caller's own editor made the edit (the app's editor does, so that undo works);
     * otherwise the server makes it (lib/drafts/server-write.ts), in the same transaction as the record.
     */
    edited: z.boolean().default(false),
  })
  .strict();

export const rejectInput = z.object({ reason: publicReply.pipe(z.string().min(1, "Say why it is not taken up.")) }).strict();

/** Proposes an amendment on a message of the latest published version, while the comment window is open. */
export async function proposeAmendment(actor: Actor, versionId: string, data: z.output<typeof amendmentInput>) {
  const access = await forVersion(actor, versionId);
  const refusal = versionRefusal(access);
  if (refusal) throw refusal;
  const message = (parseFrozen(access.version.canonicalJson).content.content ?? []).find(
    (n): n is MessageJson => n.type === "message" && n.attrs.messageId === data.messageId,
  );
  if (!message) throw invalid(`This version has no message "${data.messageId}".`);
  const quote = amendmentTextOf(message);
  if (!data.newMessage && normalizeAmendment(quote) === normalizeAmendment(data.text)) {
    throw invalid("The proposed text is the same as the message's; change some words, or write a comment instead.");
  }
  await chargeRate(actor);
  return db().$transaction(async (tx) => {
    const thread = await tx.commentThread.create({
      data: {
        kind: "AMENDMENT",
        documentId: access.document.id,
        versionId: access.version.id,
        messageId: data.messageId,
        quote,
        proposedText: data.text.replace(/\r\n?/g, "\n").trim(),
        newMessage: data.newMessage,
        authorId: actor.id,
        comments: { create: { authorId: actor.id, body: data.reason } },
      },
    });
    await recordThreadChange(
      tx,
      { eventId: access.event.id, documentId: access.document.id, versionId: access.version.id },
      actor,
      "amendment.propose",
      thread.id,
      { version: access.version.label, messageId: data.messageId, newMessage: data.newMessage },
    );
    return thread;
  });
}

async function amendmentContext(actor: Actor, threadId: string) {
  const ctx = await forThread(actor, threadId);
  if (ctx.thread.kind !== "AMENDMENT" || !ctx.thread.proposedText) throw invalid("This thread is a comment, not an amendment.");
  ctx.require("thread.dispose", "Only the theme's rapporteurs or the secretariat apply or reject amendments.");
  if (ctx.thread.appliedAt) throw conflict(`This amendment was applied by ${ctx.thread.appliedBy} already.`);
  return ctx;
}

/**
 * Records that a rapporteur applied an amendment to the live draft: the
 * disposition becomes "incorporated", or "partly incorporated" when the text
 * applied differs from the proposal; the author stays credited.
 */
export async function recordApplied(actor: Actor & { siteAdmin?: boolean }, threadId: string, data: z.input<typeof applyInput>) {
  const ctx = await amendmentContext(actor, threadId);
  if (!ctx.can("draft.write")) {
    throw ctx.document.locked
      ? conflict("The final version is published; the draft takes no more changes.", "window_closed")
      : forbidden("Only the theme's rapporteurs or the secretariat edit this draft.");
  }
  if (ctx.thread.disposition === "NOT_TAKEN_UP") {
    throw conflict("This amendment was not taken up; set its disposition back to pending to apply it after all.");
  }
  const disposition = appliedDisposition(ctx.thread.proposedText!, data.text);
  // One transaction: the edit (when the server makes it) and the record commit together or not at all.
  return db().$transaction(
    async (tx) => {
      let messageId = data.messageId;
      if (!data.edited) {
        const amendment = {
          messageId: ctx.thread.messageId,
          text: data.text,
          newMessage: ctx.thread.newMessage,
          newMessageId: newMessageIdFor(ctx.thread.id),
        };
        const writer = { id: actor.id, siteAdmin: actor.siteAdmin ?? false };
        const { result } = await writeDraft(tx, writer, ctx.document.id, (doc) => applyAmendmentToYDoc(doc, amendment));
        if (!result) throw conflict("That message is no longer in the draft; apply the wording by hand where it belongs.");
        messageId = result;
      }
      const claimed = await tx.commentThread.updateMany({
        where: { id: threadId, appliedAt: null },
        data: {
          appliedText: data.text.replace(/\r\n?/g, "\n").trim(),
          appliedAt: new Date(),
          appliedBy: actor.name,
          appliedMessageId: ctx.thread.newMessage ? (messageId ?? null) : ctx.thread.messageId,
          disposition,
          dispositionBy: actor.name,
          dispositionAt: new Date(),
        },
      });
      if (claimed.count === 0) throw conflict("This amendment was applied by someone else meanwhile.");
      await recordThreadChange(tx, placeOf(ctx), actor, "amendment.apply", threadId, { disposition });
      return tx.commentThread.findUniqueOrThrow({ where: { id: threadId } });
    },
    { timeout: 30_000 },
  );
}

/** Rejects an amendment with a public reason: "not taken up". */
export async function rejectAmendment(actor: Actor, threadId: string, data: z.output<typeof rejectInput>) {
  const ctx = await amendmentContext(actor, threadId);
  return db().$transaction(async (tx) => {
    const thread = await tx.commentThread.update({
      where: { id: threadId },
      data: { disposition: "NOT_TAKEN_UP", dispositionReply: data.reason, dispositionBy: actor.name, dispositionAt: new Date() },
    });
    await recordThreadChange(tx, placeOf(ctx), actor, "amendment.reject", threadId, { reason: data.reason });
    return thread;
  });
}
