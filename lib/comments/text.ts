import * as linkify from "linkifyjs";
import { z } from "zod";

/** Longest comment or public reply, in characters. */
export const MAX_COMMENT_LENGTH = 4000;

/**
 * A comment is plain text: newlines kept, other control characters dropped,
 * trimmed. Nothing in it is ever interpreted as HTML; links are found at
 * display time and only http, https and mailto become links.
 */
export function cleanCommentText(input: string): string {
  return (
    input
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .trim()
  );
}

export const commentBody = z
  .string({ error: "Write a comment." })
  .transform(cleanCommentText)
  .pipe(
    z.string().min(1, "The comment is empty.").max(MAX_COMMENT_LENGTH, `A comment has at most ${MAX_COMMENT_LENGTH} characters.`),
  );

export const publicReply = z
  .string()
  .transform(cleanCommentText)
  .pipe(z.string().max(MAX_COMMENT_LENGTH, `A reply has at most ${MAX_COMMENT_LENGTH} characters.`));

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/** Splits comment text into plain runs and safe links (http, https, mailto only). */
export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const found of linkify.find(text)) {
    const href = found.href;
    if (!SAFE_LINK.test(href)) continue;
    if (found.start > at) parts.push({ kind: "text", text: text.slice(at, found.start) });
    parts.push({ kind: "link", text: found.value, href });
    at = found.end;
  }
  if (at < text.length) parts.push({ kind: "text", text: text.slice(at) });
  return parts;
}
