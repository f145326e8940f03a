/**
 * Amendments: new wording for a message, or a new message, proposed on a
 * published version and applied by a rapporteur to the live draft.
 * Browser-safe: the editor applies an amendment with `applyAmendment` (one
 * ProseMirror transaction, hence one Yjs transaction through the
 * collaboration server, undoable like any edit); the server uses the same
 * text helpers to show and judge it.
 *
 * An amendment's text is plain text: the message's paragraphs separated by a
 * blank line, a line break inside a paragraph as "\n".
 */
import type { Node as ProseMirrorNode, Schema } from "@tiptap/pm/model";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { diffChars } from "diff";
import { wordDiff, type WordPart } from "@/lib/documents/word-diff";
import { deriveId, generateId } from "@/lib/documents/ids";
import { findMessage, paragraphPlainText } from "@/lib/documents/text";
import type { MessageJson } from "@/lib/documents/types";
import { messageDocumentSchema } from "@/lib/documents/schema";

export const MAX_AMENDMENT_LENGTH = 5_000;

/** The paragraphs of an amendment text (blank lines separate them; surrounding blank space dropped). */
export function amendmentParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
}

/** A message's text in the amendment format. */
export function amendmentTextOf(message: ProseMirrorNode | MessageJson): string {
  const node = "nodeSize" in message ? message : messageDocumentSchema.nodeFromJSON(message);
  const parts: string[] = [];
  node.forEach((paragraph) => parts.push(paragraphPlainText(paragraph)));
  return parts.join("\n\n");
}

/** The same text, written the same way: what "unchanged" means for an amendment. */
export const normalizeAmendment = (text: string) =>
  amendmentParagraphs(text)
    .map((p) => p.replace(/[ \t]+/g, " ").trim())
    .join("\n\n");

/** Word-level differences from one text to another (an amendment against a version's or the draft's text). */
export function amendmentDiff(from: string, to: string): WordPart[] {
  const parts: WordPart[] = wordDiff(from, to, { timeout: 200 }) ?? [
    { text: from, change: "removed" },
    { text: to, change: "added" },
  ];
  return parts.filter((p) => p.text !== "");
}

/**
 * The disposition an applied amendment gets: "incorporated" when the text
 * put into the draft is the proposal (spacing aside), "partly incorporated"
 * when the rapporteur changed it before applying.
 */
export function appliedDisposition(proposed: string, applied: string): "INCORPORATED" | "PARTLY_INCORPORATED" {
  return normalizeAmendment(proposed) === normalizeAmendment(applied) ? "INCORPORATED" : "PARTLY_INCORPORATED";
}

/** Inline nodes for one paragraph's text: "\n" becomes a hard break. */
function inlineNodes(schema: Schema, text: string): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  text.split("\n").forEach((line, i) => {
    if (i > 0) nodes.push(schema.nodes.hardBreak.create());
    if (line) nodes.push(schema.text(line));
  });
  return nodes;
}

/**
 * Replaces one paragraph's content by `target` with the smallest edits (a
 * character diff), so that words others are typing elsewhere in it survive
 * and unchanged words keep their marks. `start` is the position of the
 * paragraph's content.
 */
function editParagraph(tr: Transaction, schema: Schema, start: number, current: string, target: string): void {
  const parts = diffChars(current, target);
  // Apply from the end, so that earlier positions stay valid.
  let offset = current.length;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (part.added) {
      tr.insert(start + offset, inlineNodes(schema, part.value));
    } else {
      offset -= part.value.length;
      if (part.removed) tr.delete(start + offset, start + offset + part.value.length);
    }
  }
}

export interface AppliedAmendment {
  tr: Transaction;
  /** The message that now holds the text (the new one's id for a new message). */
  messageId: string;
}

/**
 * The transaction that puts an amendment into the draft: new wording for the
 * message `messageId`, or (`newMessage`) a new message after it (at the end
 * of the document when it is gone). Null when the message to reword is gone.
 */
export function applyAmendment(
  state: EditorState,
  amendment: {
    messageId: string;
    text: string;
    newMessage: boolean;
    /** For a new message: its id, derived from the amendment so that applying twice adds it once. */ newMessageId?: string;
  },
): AppliedAmendment | null {
  const schema = state.schema;
  const paragraphs = amendmentParagraphs(amendment.text);
  if (paragraphs.length === 0) return null;
  const found = findMessage(state.doc, amendment.messageId);
  const tr = state.tr;
  if (amendment.newMessage) {
    const messageId = amendment.newMessageId ?? generateId();
    // Applied already (a second click, another rapporteur): nothing to add.
    if (findMessage(state.doc, messageId)) return { tr, messageId };
    const message = schema.nodes.message.create(
      { messageId },
      paragraphs.map((p) => schema.nodes.paragraph.create(null, inlineNodes(schema, p))),
    );
    let at = found ? found.pos + found.node.nodeSize : state.doc.content.size;
    if (!found && !hasHeading(state.doc)) {
      // A message needs a section: give it an untitled one.
      tr.insert(at, schema.nodes.heading.create({ sectionId: generateId() }));
      at = tr.doc.content.size;
    }
    tr.insert(at, message);
    return { tr, messageId };
  }
  if (!found) return null;
  const current: string[] = [];
  found.node.forEach((paragraph) => current.push(paragraphPlainText(paragraph)));
  if (current.length === paragraphs.length) {
    // Same paragraphs: the smallest edits in each, last paragraph first.
    const starts: number[] = [];
    found.node.forEach((_p, offset) => starts.push(found.pos + 1 + offset + 1));
    for (let i = paragraphs.length - 1; i >= 0; i--) {
      if (current[i] !== paragraphs[i]) editParagraph(tr, schema, starts[i], current[i], paragraphs[i]);
    }
  } else {
    tr.replaceWith(
      found.pos + 1,
      found.pos + found.node.nodeSize - 1,
      paragraphs.map((p) => schema.nodes.paragraph.create(null, inlineNodes(schema, p))),
    );
  }
  return { tr, messageId: amendment.messageId };
}

function hasHeading(doc: ProseMirrorNode): boolean {
  let found = false;
  doc.forEach((node) => {
    if (node.type.name === "heading") found = true;
  });
  return found;
}

/** The id a new message proposed by an amendment gets in the draft: the same for everyone who applies it. */
export const newMessageIdFor = (threadId: string) => deriveId(`amendment:${threadId}`, "message");
