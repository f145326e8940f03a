import { diffWords } from "diff";
import { documentOutline, sanitizeDocumentJson } from "@/lib/documents";

/**
 * Compares two versions of a theme message by message, matched by message id
 * — never by position or text, so two messages with the same words stay apart
 * and a rewritten message is "changed", not "removed + added".
 */

export type WordPart = { text: string; change: "added" | "removed" | "same" };

export interface MessageChange {
  messageId: string;
  kind: "added" | "removed" | "changed" | "unchanged";
  /** The message moved to another section (it may be changed too). */
  moved: boolean;
  from: { number: number; section: string } | null;
  to: { number: number; section: string } | null;
  /** Word-level differences; for unchanged messages a single "same" part. */
  words: WordPart[];
}

interface Placed {
  number: number;
  section: string;
  sectionId: string;
  text: string;
}

function placeMessages(document: unknown): Map<string, Placed> {
  const outline = documentOutline(sanitizeDocumentJson(document));
  const placed = new Map<string, Placed>();
  for (const section of outline.sections) {
    for (const message of section.messages) {
      placed.set(message.messageId, {
        number: message.number,
        section: section.title,
        sectionId: section.sectionId,
        text: message.text,
      });
    }
  }
  return placed;
}

function wordParts(before: string, after: string): WordPart[] {
  return diffWords(before, after).map((part) => ({
    text: part.value,
    change: part.added ? "added" : part.removed ? "removed" : "same",
  }));
}

const removedChange = (messageId: string, gone: Placed): MessageChange => ({
  messageId,
  kind: "removed",
  moved: false,
  from: { number: gone.number, section: gone.section },
  to: null,
  words: [{ text: gone.text, change: "removed" }],
});

/** Every message of either version, in the newer version's order, removed ones where they stood. */
export function compareVersions(older: unknown, newer: unknown): MessageChange[] {
  const before = placeMessages(older);
  const after = placeMessages(newer);
  const changes: MessageChange[] = [];
  const removed = [...before].filter(([id]) => !after.has(id));
  for (const [messageId, now] of after) {
    const then = before.get(messageId);
    // Removed messages go where they stood: before the first newer message that followed them.
    while (removed.length > 0 && then && removed[0][1].number < then.number) {
      const [id, gone] = removed.shift()!;
      changes.push(removedChange(id, gone));
    }
    if (!then) {
      changes.push({
        messageId,
        kind: "added",
        moved: false,
        from: null,
        to: { number: now.number, section: now.section },
        words: [{ text: now.text, change: "added" }],
      });
      continue;
    }
    const changed = then.text !== now.text;
    changes.push({
      messageId,
      kind: changed ? "changed" : "unchanged",
      moved: then.sectionId !== now.sectionId,
      from: { number: then.number, section: then.section },
      to: { number: now.number, section: now.section },
      words: changed ? wordParts(then.text, now.text) : [{ text: now.text, change: "same" }],
    });
  }
  for (const [id, gone] of removed) changes.push(removedChange(id, gone));
  return changes;
}
