import type { WordPart } from "@/lib/documents/word-diff";

/** Word-level differences as text: insertions underlined (ins), deletions struck through (del). */
export function WordDiff({ parts }: { parts: WordPart[] }) {
  return parts.map((part, i) =>
    part.change === "added" ? (
      <ins key={i}>{part.text}</ins>
    ) : part.change === "removed" ? (
      <del key={i}>{part.text}</del>
    ) : (
      <span key={i}>{part.text}</span>
    ),
  );
}
