/**
 * JSON shapes of a valid message document, as produced by ProseMirror's
 * `Node.toJSON()` for the schema in `schema.ts` (and by `sanitizeDocumentJson`).
 *
 * Keys appear in the order ProseMirror writes them (type, attrs, content / type,
 * marks, text), so a JSON.stringify of a sanitized document is stable.
 */

export type BoldMarkJson = { type: "bold" };
export type ItalicMarkJson = { type: "italic" };
export type LinkMarkJson = { type: "link"; attrs: { href: string } };
export type MarkJson = BoldMarkJson | ItalicMarkJson | LinkMarkJson;

export interface TextJson {
  type: "text";
  marks?: MarkJson[];
  text: string;
}

export interface HardBreakJson {
  type: "hardBreak";
}

export type InlineJson = TextJson | HardBreakJson;

export interface ParagraphJson {
  type: "paragraph";
  content?: InlineJson[];
}

export interface HeadingJson {
  type: "heading";
  attrs: { sectionId: string };
  /** Plain text only: no marks, no hard breaks. */
  content?: { type: "text"; text: string }[];
}

export interface MessageJson {
  type: "message";
  /** `sources`: what the message is drawn from (`sources.ts`); absent when it cites nothing. */
  attrs: { messageId: string; sources?: string };
  content: ParagraphJson[];
}

export type TopLevelJson = ParagraphJson | HeadingJson | MessageJson;

export interface DocumentJson {
  type: "doc";
  content?: TopLevelJson[];
}
