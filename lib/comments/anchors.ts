/**
 * Anchors of comment threads on the live draft: a range of a message held as
 * two Yjs relative positions, so that it stays on its words while others type
 * before, inside or after them, on any replica and after a reload.
 *
 * The range is given and reported as UTF-16 offsets into the message's plain
 * text (`messagePlainText`: paragraphs joined by "\n", a hard break is "\n"),
 * the same offsets the editor uses (`positionToOffset` / `offsetToPosition`).
 *
 * Layout in Yjs (y-tiptap): message → paragraph elements → children that are
 * Y.XmlText runs or `hardBreak` elements (one unit each). The start sticks to
 * the first quoted character (assoc 0), the end to the last one (assoc -1), so
 * text typed just before or just after the range stays outside it and text
 * typed inside it is inside. When every quoted character is deleted, both ends
 * meet and the anchor reports the words as gone.
 */
import * as Y from "yjs";
import { planYFragmentIds } from "@/lib/documents/ids";
import { documentFragment } from "@/lib/documents/ydoc";

export interface LiveAnchor {
  start: Uint8Array;
  end: Uint8Array;
}

export interface ResolvedAnchor {
  messageId: string;
  start: number;
  end: number;
  /** The words the anchor covers now. */
  text: string;
}

/** Upper bound on an encoded relative position (client id + clock + type info). */
export const MAX_ANCHOR_BYTES = 256;

function messageIdOf(element: Y.XmlElement, fixes: Map<Y.XmlElement, string>): string {
  return fixes.get(element) ?? String(element.getAttribute("messageId") ?? "");
}

function unitLength(child: unknown): number {
  if (child instanceof Y.XmlText) return child.length;
  if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") return 1;
  return 0;
}

function paragraphText(paragraph: Y.XmlElement): string {
  let out = "";
  for (const child of paragraph.toArray()) {
    if (child instanceof Y.XmlText) out += plainOf(child);
    else if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") out += "\n";
  }
  return out;
}

function plainOf(text: Y.XmlText): string {
  let out = "";
  for (const op of text.toDelta() as { insert?: unknown }[]) if (typeof op.insert === "string") out += op.insert;
  return out;
}

function paragraphLength(paragraph: Y.XmlElement): number {
  return paragraph.toArray().reduce((sum, c) => sum + unitLength(c), 0);
}

function paragraphs(message: Y.XmlElement): Y.XmlElement[] {
  return message.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement);
}

/** The plain text of a message element, as `messagePlainText` would give it. */
export function yMessageText(message: Y.XmlElement): string {
  return paragraphs(message).map(paragraphText).join("\n");
}

function findMessageElement(fragment: Y.XmlFragment, messageId: string): Y.XmlElement | null {
  const fixes = planYFragmentIds(fragment);
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === "message" && messageIdOf(child, fixes) === messageId) {
      return child;
    }
  }
  return null;
}

/**
 * A relative position for an offset of the message. `side` says which
 * character the position sticks to: "after" (the character at the offset, for
 * a range's start) or "before" (the one before it, for a range's end).
 */
function relativePosition(message: Y.XmlElement, offset: number, side: "after" | "before"): Y.RelativePosition {
  const assoc = side === "after" ? 0 : -1;
  let base = 0;
  const paras = paragraphs(message);
  for (let p = 0; p < paras.length; p++) {
    const paragraph = paras[p];
    const children = paragraph.toArray();
    const length = paragraphLength(paragraph);
    const lastParagraph = p === paras.length - 1;
    // An offset on a paragraph boundary belongs to this paragraph when it ends a range,
    // to the next one when it starts a range.
    if (offset < base + length || (offset === base + length && (side === "before" || lastParagraph))) {
      let within = offset - base;
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        const len = unitLength(child);
        if (child instanceof Y.XmlText && (within < len || (within === len && side === "before"))) {
          return Y.createRelativePositionFromTypeIndex(child, within, assoc);
        }
        if (within < len || (within === len && side === "before")) {
          // A hard break: stick to the paragraph's child list around it.
          return Y.createRelativePositionFromTypeIndex(paragraph, side === "after" ? i : i + 1, assoc);
        }
        within -= len;
      }
      return Y.createRelativePositionFromTypeIndex(paragraph, children.length, assoc);
    }
    base += length + 1;
  }
  throw new RangeError(`offset ${offset} is beyond the message text`);
}

/**
 * An anchor for [start, end) of a message of the Y.Doc's document. Throws
 * RangeError when the message does not exist or the range is empty or outside
 * its text.
 */
export function createLiveAnchor(ydoc: Y.Doc, messageId: string, start: number, end: number): LiveAnchor {
  const message = findMessageElement(documentFragment(ydoc), messageId);
  if (!message) throw new RangeError(`no message ${messageId}`);
  const length = yMessageText(message).length;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
    throw new RangeError(`range ${start}..${end} is not inside the message (0..${length})`);
  }
  return {
    start: Y.encodeRelativePosition(relativePosition(message, start, "after")),
    end: Y.encodeRelativePosition(relativePosition(message, end, "before")),
  };
}

interface Located {
  message: Y.XmlElement;
  offset: number;
}

function isDeleted(type: { _item: Y.Item | null }): boolean {
  return type._item !== null && type._item.deleted;
}

/** Where an absolute position lands: its message and offset, or null if it is gone. */
function locate(position: Y.AbsolutePosition, fragment: Y.XmlFragment): Located | null {
  const type: unknown = position.type;
  let paragraph: Y.XmlElement;
  let within: number;
  if (type instanceof Y.XmlText) {
    if (isDeleted(type) || !(type.parent instanceof Y.XmlElement)) return null;
    paragraph = type.parent as Y.XmlElement;
    within = position.index;
    for (const sibling of paragraph.toArray()) {
      if (sibling === type) break;
      within += unitLength(sibling);
    }
  } else if (type instanceof Y.XmlElement && type.nodeName !== "message") {
    paragraph = type as Y.XmlElement;
    within = paragraph
      .toArray()
      .slice(0, position.index)
      .reduce((sum, c) => sum + unitLength(c), 0);
  } else {
    return null;
  }
  if (isDeleted(paragraph) || !(paragraph.parent instanceof Y.XmlElement)) return null;
  const message = paragraph.parent as Y.XmlElement;
  if (message.nodeName !== "message" || isDeleted(message) || message.parent !== fragment) return null;
  let offset = within;
  for (const p of paragraphs(message)) {
    if (p === paragraph) break;
    offset += paragraphLength(p) + 1;
  }
  return { message, offset };
}

function decode(bytes: Uint8Array): Y.RelativePosition | null {
  if (bytes.length === 0 || bytes.length > MAX_ANCHOR_BYTES) return null;
  try {
    return Y.decodeRelativePosition(bytes);
  } catch {
    return null;
  }
}

/** Whether the bytes are a well-formed encoded relative position (input validation). */
export function isEncodedPosition(bytes: Uint8Array): boolean {
  return decode(bytes) !== null;
}

/**
 * Where the anchor's words are now, or null when they were deleted (or the
 * positions are unknown to this replica, or its ends fell into different
 * messages).
 */
export function resolveLiveAnchor(ydoc: Y.Doc, anchor: LiveAnchor): ResolvedAnchor | null {
  const startRel = decode(anchor.start);
  const endRel = decode(anchor.end);
  if (!startRel || !endRel) return null;
  const fragment = documentFragment(ydoc);
  const startAbs = Y.createAbsolutePositionFromRelativePosition(startRel, ydoc);
  const endAbs = Y.createAbsolutePositionFromRelativePosition(endRel, ydoc);
  if (!startAbs || !endAbs) return null;
  const start = locate(startAbs, fragment);
  const end = locate(endAbs, fragment);
  if (!start || !end || start.message !== end.message || end.offset <= start.offset) return null;
  const fixes = planYFragmentIds(fragment);
  const text = yMessageText(start.message).slice(start.offset, end.offset);
  return { messageId: messageIdOf(start.message, fixes), start: start.offset, end: end.offset, text };
}

/** Current plain text of every message of the draft, by id (for "changed since" flags). */
export function yMessageTexts(ydoc: Y.Doc): Map<string, string> {
  const fragment = documentFragment(ydoc);
  const fixes = planYFragmentIds(fragment);
  const out = new Map<string, string>();
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlElement && child.nodeName === "message") {
      out.set(messageIdOf(child, fixes), yMessageText(child));
    }
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
