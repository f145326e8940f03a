/**
 * An amendment applied straight to a Y.Doc, for API clients that have no
 * editor: the same outcome as `applyAmendment` in the editor (the smallest
 * edits in each paragraph, or the message's content replaced when the number
 * of paragraphs differs, or a new message after it), in one Yjs transaction,
 * on the layout @tiptap/y-tiptap writes (one Y.XmlElement per node, text in
 * Y.XmlText, hard breaks as elements).
 */
import { diffChars } from "diff";
import * as Y from "yjs";
import { generateId } from "@/lib/documents/ids";
import { documentFragment } from "@/lib/documents/ydoc";
import { amendmentParagraphs } from "./amend";

/** Fresh inline content for a paragraph's text: runs of text, "\n" as hard breaks. */
function inlineChildren(text: string): (Y.XmlText | Y.XmlElement)[] {
  const children: (Y.XmlText | Y.XmlElement)[] = [];
  text.split("\n").forEach((line, i) => {
    if (i > 0) children.push(new Y.XmlElement("hardBreak"));
    if (line) children.push(new Y.XmlText(line));
  });
  return children;
}

function paragraphElement(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, inlineChildren(text));
  return paragraph;
}

/** A paragraph's pieces with their plain-text lengths (text as is, a hard break one "\n"). */
type Piece = { node: Y.XmlText | Y.XmlElement; text: string };

function pieces(paragraph: Y.XmlElement): Piece[] {
  return paragraph.toArray().flatMap((child): Piece[] => {
    if (child instanceof Y.XmlText) {
      const text = (child.toDelta() as { insert?: unknown }[])
        .map((op) => (typeof op.insert === "string" ? op.insert : ""))
        .join("");
      return [{ node: child, text }];
    }
    if (child instanceof Y.XmlElement && child.nodeName === "hardBreak") return [{ node: child, text: "\n" }];
    return [];
  });
}

/** Rewrites one paragraph with the smallest character edits; falls back to new content when a line break is added. */
function editParagraph(paragraph: Y.XmlElement, target: string): void {
  const list = pieces(paragraph);
  const current = list.map((p) => p.text).join("");
  if (current === target) return;
  const parts = diffChars(current, target);
  if (
    parts.some((p) => p.added && p.value.includes("\n")) ||
    list.some((p) => !(p.node instanceof Y.XmlText) && p.text !== "\n")
  ) {
    paragraph.delete(0, paragraph.length);
    paragraph.insert(0, inlineChildren(target));
    return;
  }
  // Offsets → (piece, index); edits from the end so earlier offsets stay valid.
  const locate = (offset: number, preferLeft: boolean) => {
    let base = 0;
    for (let i = 0; i < list.length; i++) {
      const end = base + list[i].text.length;
      if (offset < end || (preferLeft && offset === end && list[i].node instanceof Y.XmlText)) return { i, at: offset - base };
      base = end;
    }
    return { i: list.length, at: 0 };
  };
  let offset = current.length;
  for (let k = parts.length - 1; k >= 0; k--) {
    const part = parts[k];
    if (part.added) {
      const { i, at } = locate(offset, true);
      const piece = list[i];
      if (piece && piece.node instanceof Y.XmlText) piece.node.insert(at, part.value);
      else {
        // Between a hard break and the end (or before a break): a new run of text there.
        const index = paragraph.toArray().indexOf(list[i]?.node ?? null);
        paragraph.insert(index < 0 ? paragraph.length : index, [new Y.XmlText(part.value)]);
      }
      continue;
    }
    offset -= part.value.length;
    if (!part.removed) continue;
    // Delete [offset, offset + length) piece by piece, last first.
    const from = offset;
    const to = offset + part.value.length;
    const spans: { i: number; start: number; end: number }[] = [];
    let base = 0;
    list.forEach((piece, i) => {
      const end = base + piece.text.length;
      const start = Math.max(from, base);
      const stop = Math.min(to, end);
      if (start < stop) spans.push({ i, start: start - base, end: stop - base });
      base = end;
    });
    for (const span of spans.reverse()) {
      const piece = list[span.i];
      if (piece.node instanceof Y.XmlText) piece.node.delete(span.start, span.end - span.start);
      else paragraph.delete(paragraph.toArray().indexOf(piece.node), 1);
    }
  }
}

/**
 * Applies an amendment to the document's fragment in one transaction.
 * Returns the id of the message that holds the text, or null when the message
 * to reword is gone.
 */
export function applyAmendmentToYDoc(
  ydoc: Y.Doc,
  amendment: { messageId: string; text: string; newMessage: boolean; newMessageId?: string },
): string | null {
  const paragraphs = amendmentParagraphs(amendment.text);
  if (paragraphs.length === 0) return null;
  const fragment = documentFragment(ydoc);
  const children = fragment.toArray();
  const index = children.findIndex(
    (c) => c instanceof Y.XmlElement && c.nodeName === "message" && c.getAttribute("messageId") === amendment.messageId,
  );
  let result: string | null = null;
  ydoc.transact(() => {
    if (amendment.newMessage) {
      const messageId = amendment.newMessageId ?? generateId();
      result = messageId;
      if (children.some((c) => c instanceof Y.XmlElement && c.getAttribute("messageId") === messageId)) return;
      const message = new Y.XmlElement("message");
      message.setAttribute("messageId", messageId);
      message.insert(0, paragraphs.map(paragraphElement));
      const hasHeading = children.some((c) => c instanceof Y.XmlElement && c.nodeName === "heading");
      if (index < 0 && !hasHeading) {
        const heading = new Y.XmlElement("heading");
        heading.setAttribute("sectionId", generateId());
        fragment.insert(fragment.length, [heading]);
      }
      fragment.insert(index < 0 ? fragment.length : index + 1, [message]);
      return;
    }
    if (index < 0) return;
    const message = children[index] as Y.XmlElement;
    result = amendment.messageId;
    const current = message.toArray().filter((c): c is Y.XmlElement => c instanceof Y.XmlElement && c.nodeName === "paragraph");
    if (current.length === paragraphs.length && current.length === message.length) {
      for (let i = paragraphs.length - 1; i >= 0; i--) editParagraph(current[i], paragraphs[i]);
    } else {
      message.delete(0, message.length);
      message.insert(0, paragraphs.map(paragraphElement));
    }
  });
  return result;
}
