import { wordDiff, type WordPart } from "@/lib/documents/word-diff";
import { documentOutline, parseSources, sanitizeDocumentJson, type SourceRef } from "@/lib/documents";

/**
 * Compares two versions of a theme message by message, matched by message id
 * — never by position or text, so two messages with the same words stay apart
 * and a rewritten message is "changed", not "removed + added".
 */

export type { WordPart } from "@/lib/documents/word-diff";

export interface MessageChange {
  messageId: string;
  kind: "added" | "removed" | "changed" | "unchanged";
  /** The message moved to another section (it may be changed too). */
  moved: boolean;
  from: { number: number; section: string } | null;
  to: { number: number; section: string } | null;
  /** Word-level differences; for unchanged messages a single "same" part. */
  words: WordPart[];
  /** The message was too large to compare word by word in the time allowed: shown as old text, then new. */
  whole: boolean;
  /** Sources attached and detached between the two versions (a change of the message). */
  sources: { added: SourceRef[]; removed: SourceRef[] };
}

const noSourceChange = () => ({ added: [], removed: [] });
const key = (ref: SourceRef) => `${ref.session}/${ref.item ?? ""}`;

function sourceChange(before: string | null, after: string | null) {
  const then = parseSources(before);
  const now = parseSources(after);
  return {
    added: now.filter((ref) => !then.some((r) => key(r) === key(ref))),
    removed: then.filter((ref) => !now.some((r) => key(r) === key(ref))),
  };
}

/**
 * How much work one comparison may do. The page is public, and word diffs
 * cost up to the product of the two texts' lengths: each message gets a time
 * and edit limit, and the whole comparison a budget, after which the
 * remaining changed messages are shown whole instead of word by word. The
 * process never blocks on a pathological pair.
 */
export interface CompareLimits {
  /** Milliseconds one message's word diff may take. */
  perMessageMs: number;
  /** Largest number of word edits one message's diff may find. */
  maxEdits: number;
  /** Milliseconds all the word diffs of one comparison may take together. */
  totalMs: number;
  /** Spaces and line breaks compared as tokens of their own (see `wordDiff`): for redlines. */
  exactSpaces?: boolean;
}

export const DEFAULT_COMPARE_LIMITS: CompareLimits = { perMessageMs: 50, maxEdits: 5_000, totalMs: 1_000 };

interface Placed {
  number: number;
  section: string;
  sectionId: string;
  text: string;
  sources: string | null;
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
        sources: message.sources,
      });
    }
  }
  return placed;
}

/** Word-level parts, or null when the limits stopped the diff. */
function wordParts(before: string, after: string, limits: CompareLimits, deadline: number): WordPart[] | null {
  const remaining = deadline - Date.now();
  if (remaining <= 0) return null;
  return wordDiff(before, after, {
    timeout: Math.min(limits.perMessageMs, remaining),
    maxEditLength: limits.maxEdits,
    exactSpaces: limits.exactSpaces,
  });
}

const removedChange = (messageId: string, gone: Placed): MessageChange => ({
  messageId,
  kind: "removed",
  moved: false,
  from: { number: gone.number, section: gone.section },
  to: null,
  words: [{ text: gone.text, change: "removed" }],
  whole: false,
  sources: noSourceChange(),
});

/** Every message of either version, in the newer version's order, removed ones where they stood. */
export function compareVersions(older: unknown, newer: unknown, limits: CompareLimits = DEFAULT_COMPARE_LIMITS): MessageChange[] {
  const deadline = Date.now() + limits.totalMs;
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
        whole: false,
        sources: noSourceChange(),
      });
      continue;
    }
    const textChanged = then.text !== now.text;
    const sources = sourceChange(then.sources, now.sources);
    const changed = textChanged || sources.added.length > 0 || sources.removed.length > 0;
    const parts = textChanged ? wordParts(then.text, now.text, limits, deadline) : [{ text: now.text, change: "same" as const }];
    changes.push({
      messageId,
      kind: changed ? "changed" : "unchanged",
      moved: then.sectionId !== now.sectionId,
      from: { number: then.number, section: then.section },
      to: { number: now.number, section: now.section },
      words: parts ?? [
        { text: then.text, change: "removed" },
        { text: now.text, change: "added" },
      ],
      whole: parts === null,
      sources,
    });
  }
  for (const [id, gone] of removed) changes.push(removedChange(id, gone));
  return changes;
}
