import { diffWords } from "diff";

/** A run of text in a word-level comparison: the same in both, or only in the newer (added) or the older (removed). */
export type WordPart = { text: string; change: "added" | "removed" | "same" };

/**
 * Word-level differences from one text to another, shared by the comparison
 * of versions and the amendments; null when the limits stopped the diff.
 */
export function wordDiff(from: string, to: string, limits: { timeout: number; maxEditLength?: number }): WordPart[] | null {
  const parts = diffWords(from, to, limits);
  if (!parts) return null;
  return parts.map((part) => ({ text: part.value, change: part.added ? "added" : part.removed ? "removed" : "same" }));
}
