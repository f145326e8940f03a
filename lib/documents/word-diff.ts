import { diffWords, diffWordsWithSpace } from "diff";

/** A run of text in a word-level comparison: the same in both, or only in the newer (added) or the older (removed). */
export type WordPart = { text: string; change: "added" | "removed" | "same" };

/**
 * Word-level differences from one text to another, shared by the comparison
 * of versions and the amendments; null when the limits stopped the diff.
 * By default, spaces around unchanged words are read from the newer text (a
 * display that reads well); with `exactSpaces`, every run of spaces and line
 * breaks is a token of its own, so that the unchanged and removed parts spell
 * the older text exactly and the unchanged and added parts the newer one (a
 * redline whose rejection must give back the older text).
 */
export function wordDiff(
  from: string,
  to: string,
  limits: { timeout: number; maxEditLength?: number; exactSpaces?: boolean },
): WordPart[] | null {
  const { exactSpaces, ...options } = limits;
  const parts = (exactSpaces ? diffWordsWithSpace : diffWords)(from, to, options);
  if (!parts) return null;
  return parts.map((part) => ({ text: part.value, change: part.added ? "added" : part.removed ? "removed" : "same" }));
}
