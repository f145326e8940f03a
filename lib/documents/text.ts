/**
 * The plain text of a message, and UTF-16 offsets into it.
 *
 * `messagePlainText` is THE definition used everywhere (comment anchors on
 * versions, quotes, outline, comparison): the message's paragraphs joined by
 * "\n", each hard break written as "\n", no other separators or trimming.
 * Offsets are JavaScript string indices, i.e. UTF-16 code units: an emoji
 * outside the BMP counts 2, "e" + U+0301 counts 2.
 *
 * The mapping to ProseMirror positions is exact because, inside a paragraph,
 * a text character and a hard break each take one position, as they take one
 * UTF-16 unit in the plain text; only the "\n" between two paragraphs (one
 * unit) spans two positions (the closing and opening tokens).
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { messageDocumentSchema } from "./schema";
import type { DocumentJson, MessageJson, ParagraphJson } from "./types";

function assertMessage(message: ProseMirrorNode): void {
  if (message.type.name !== "message") {
    throw new TypeError(`expected a message node, got ${message.type.name}`);
  }
}

/** Plain text of one paragraph (or any textblock): text as is, hard break = "\n". */
export function paragraphPlainText(paragraph: ProseMirrorNode): string {
  let out = "";
  paragraph.forEach((child) => {
    if (child.isText) out += child.text ?? "";
    else if (child.type.name === "hardBreak") out += "\n";
    // No other inline node exists in the schema.
  });
  return out;
}

/** The plain text of a message: paragraphs joined by "\n". */
export function messagePlainText(message: ProseMirrorNode | MessageJson): string {
  const node = isProseMirrorNode(message) ? message : messageDocumentSchema.nodeFromJSON(message);
  assertMessage(node);
  const parts: string[] = [];
  node.forEach((paragraph) => parts.push(paragraphPlainText(paragraph)));
  return parts.join("\n");
}

/** The plain text of a whole document: blocks separated by blank lines, hard breaks as line breaks. */
export function documentPlainText(doc: DocumentJson): string {
  const node = messageDocumentSchema.nodeFromJSON(doc);
  return node.textBetween(0, node.content.size, "\n\n", "\n");
}

/** Plain text of a paragraph given as JSON (introduction paragraphs). */
export function paragraphJsonPlainText(paragraph: ParagraphJson): string {
  return paragraphPlainText(messageDocumentSchema.nodeFromJSON(paragraph));
}

function isProseMirrorNode(value: unknown): value is ProseMirrorNode {
  return (
    typeof value === "object" &&
    value !== null &&
    "nodeSize" in value &&
    "type" in value &&
    typeof (value as { type: unknown }).type === "object"
  );
}

/**
 * ProseMirror position inside a message for a UTF-16 offset in its plain text.
 * `messagePos` is the position just before the message node (what
 * `doc.forEach` / `doc.descendants` / `findMessage` give). Offset n at the end
 * of a paragraph maps to the end of that paragraph's content; n + 1 (after the
 * "\n") to the start of the next paragraph's content.
 * Throws RangeError when the offset is outside [0, text length].
 */
export function offsetToPosition(message: ProseMirrorNode, messagePos: number, offset: number): number {
  assertMessage(message);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`invalid offset ${offset}`);
  let base = 0;
  let result: number | null = null;
  message.forEach((paragraph, paragraphOffset) => {
    if (result !== null) return;
    const size = paragraph.content.size; // equals its plain-text length
    if (offset <= base + size) {
      result = messagePos + 1 + paragraphOffset + 1 + (offset - base);
      return;
    }
    base += size + 1;
  });
  if (result === null) throw new RangeError(`offset ${offset} is beyond the message text`);
  return result;
}

/**
 * UTF-16 offset in the message's plain text for a ProseMirror position inside
 * the message. Positions between paragraphs (on their boundary tokens) map to
 * the start of the following paragraph's text; the position just inside the
 * message's start maps to 0, the one just inside its end to the text length.
 * Throws RangeError for positions outside the message's content.
 */
export function positionToOffset(message: ProseMirrorNode, messagePos: number, pos: number): number {
  assertMessage(message);
  const contentStart = messagePos + 1;
  const contentEnd = messagePos + message.nodeSize - 1;
  if (!Number.isInteger(pos) || pos < contentStart || pos > contentEnd) {
    throw new RangeError(`position ${pos} is outside the message (${contentStart}..${contentEnd})`);
  }
  let base = 0;
  let result: number | null = null;
  message.forEach((paragraph, paragraphOffset) => {
    if (result !== null) return;
    const before = contentStart + paragraphOffset; // before the paragraph's opening token
    const size = paragraph.content.size;
    if (pos <= before + 1) {
      result = base;
      return;
    }
    if (pos <= before + 1 + size) {
      result = base + (pos - before - 1);
      return;
    }
    base += size + 1;
  });
  // Only the position after the last paragraph's closing token is left.
  return result ?? Math.max(0, base - 1);
}

/** The message with this id and the position before it, or null. */
export function findMessage(doc: ProseMirrorNode, messageId: string): { node: ProseMirrorNode; pos: number } | null {
  let found: { node: ProseMirrorNode; pos: number } | null = null;
  doc.forEach((node, offset) => {
    if (!found && node.type.name === "message" && node.attrs.messageId === messageId) {
      found = { node, pos: offset };
    }
  });
  return found;
}
