/**
 * Small builders for documents written in code (seed, demo, test factories).
 * Ids not given are assigned by the id rules (`generateId` option, default
 * random; pass `seededIdGenerator(...)` for reproducible ids).
 */
import type { IdPlanOptions } from "./ids";
import { sanitizeDocumentJson } from "./sanitize";
import type { DocumentJson, InlineJson, ParagraphJson } from "./types";

/** A paragraph: a string (line breaks become hard breaks) or inline nodes. */
export type ParagraphSpec = string | InlineJson[];

export interface MessageSpec {
  messageId?: string;
  /** One or more paragraphs. */
  paragraphs: ParagraphSpec[];
}

export interface SectionSpec {
  sectionId?: string;
  title: string;
  /** A message as a single string, a list of paragraphs, or a full spec. */
  messages: (string | ParagraphSpec[] | MessageSpec)[];
}

export interface DocumentSpec {
  introduction?: ParagraphSpec[];
  sections: SectionSpec[];
}

function paragraphJson(spec: ParagraphSpec): ParagraphJson {
  const content: InlineJson[] = typeof spec === "string" ? (spec === "" ? [] : [{ type: "text", text: spec }]) : spec;
  return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
}

function messageSpec(value: string | ParagraphSpec[] | MessageSpec): MessageSpec {
  if (typeof value === "string") return { paragraphs: [value] };
  if (Array.isArray(value)) return { paragraphs: value };
  return value;
}

/** Builds a valid document JSON (sanitized, ids assigned). */
export function buildDocument(spec: DocumentSpec, options: IdPlanOptions = {}): DocumentJson {
  const content: unknown[] = (spec.introduction ?? []).map(paragraphJson);
  for (const section of spec.sections) {
    content.push({
      type: "heading",
      attrs: { sectionId: section.sectionId ?? null },
      content: section.title ? [{ type: "text", text: section.title }] : [],
    });
    for (const value of section.messages) {
      const message = messageSpec(value);
      content.push({
        type: "message",
        attrs: { messageId: message.messageId ?? null },
        content: message.paragraphs.map(paragraphJson),
      });
    }
  }
  return sanitizeDocumentJson({ type: "doc", content }, options);
}

/** A text node, optionally with marks: text("IGF", { bold: true, href: "https://…" }). */
export function text(value: string, marks: { bold?: boolean; italic?: boolean; href?: string } = {}): InlineJson {
  const list: NonNullable<Extract<InlineJson, { type: "text" }>["marks"]> = [];
  if (marks.href) list.push({ type: "link", attrs: { href: marks.href } });
  if (marks.bold) list.push({ type: "bold" });
  if (marks.italic) list.push({ type: "italic" });
  return list.length > 0 ? { type: "text", marks: list, text: value } : { type: "text", text: value };
}
