/**
 * `sanitizeDocumentJson(anything)` → a valid message document.
 *
 * Whatever a client sent (or a Y.Doc holds), everything rendered, frozen or
 * compared goes through here. What it does, in order:
 *
 * 1. Reading. Input may be a doc node, any other node (taken as the doc's only
 *    child), an array of nodes (the doc's content), or garbage (→ empty doc).
 *    Each node is read with zod, leniently: a malformed field counts as
 *    absent. Nesting deeper than MAX_DEPTH is ignored.
 * 2. Unknown node types are *unwrapped*: they vanish but their content is
 *    processed in their place, so their text survives (a blockquote's or a
 *    list item's paragraphs become paragraphs, a code block's text becomes a
 *    paragraph). Unknown leaves (images, mentions, rules…) disappear. Inside
 *    a paragraph, any non-inline node is replaced by its inline content.
 * 3. Inline content: unknown marks dropped; a mark set is deduplicated; a
 *    link is kept only for an absolute http/https/mailto href (`normalizeHref`),
 *    otherwise the mark is dropped and the text kept. Text: lone UTF-16
 *    surrogates → U+FFFD, CR/CRLF → LF, C0 control characters other than tab
 *    and LF removed, each LF becomes a hard break. Empty text vanishes.
 *    Headings keep plain text only: marks dropped, line breaks → spaces.
 * 4. Structure, to fit `paragraph* (heading message*)*`:
 *    - text or hard breaks directly in the doc (or in an unwrapped container)
 *      are wrapped in a paragraph (whitespace-only runs are dropped);
 *    - a message's content is flattened to paragraphs (a heading inside a
 *      message becomes a paragraph with its text, a nested message gives its
 *      paragraphs); an empty message gets one empty paragraph (it keeps its id);
 *    - paragraphs after the first heading but outside any message are
 *      wrapped, each run of consecutive ones, in a new message (the text of an
 *      existing message is never changed by this);
 *    - messages before the first heading get a new untitled section (an
 *      empty heading), so they keep their ids and numbers.
 * 5. Ids: the rules of `ids.ts` (`planIds`), first in document order keeps.
 *    A message's sources (`sources.ts`) keep well-formed tokens only, and
 *    with `options.sources` only those naming sessions and items that exist;
 *    a duplicate message, which gets a new id, starts without sources.
 * 6. The result is built with the ProseMirror schema, checked, and returned
 *    as `Node.toJSON()` (adjacent text with equal marks merged, marks in schema
 *    order). Sanitizing a sanitized document returns an equal document.
 */
import { Mark, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { z } from "zod";
import { isValidId, planIds, type IdPlanOptions } from "./ids";
import { normalizeHref } from "./links";
import { sanitizeSources, type SourceCatalog } from "./sources";
import { messageDocumentSchema as schema } from "./schema";
import type { DocumentJson } from "./types";

export const MAX_DEPTH = 100;

const RawNode = z.object({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).catch({}),
  content: z.array(z.unknown()).catch([]),
  text: z.string().optional().catch(undefined),
  marks: z.array(z.unknown()).catch([]),
});
type RawNode = z.infer<typeof RawNode>;

const RawMark = z.object({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).catch({}),
});

type Inline = { kind: "text"; text: string; marks: readonly Mark[] } | { kind: "break" };

type Block =
  | { kind: "paragraph"; inline: Inline[] }
  | { kind: "heading"; id: unknown; text: string }
  | { kind: "message"; id: unknown; sources: unknown; paragraphs: Inline[][] };

export interface SanitizeOptions extends IdPlanOptions {
  /** What messages may cite; without it, any well-formed source is kept. */
  sources?: SourceCatalog;
}

function readNode(value: unknown): RawNode | null {
  const parsed = RawNode.safeParse(value);
  return parsed.success ? parsed.data : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text cleaning shared by paragraphs and headings (see step 3). */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(CONTROL_CHARACTERS, "");
}

function sanitizeMarks(rawMarks: readonly unknown[]): readonly Mark[] {
  let set: readonly Mark[] = Mark.none;
  for (const value of rawMarks) {
    const parsed = RawMark.safeParse(value);
    if (!parsed.success) continue;
    let mark: Mark | null = null;
    switch (parsed.data.type) {
      case "bold":
        mark = schema.marks.bold.create();
        break;
      case "italic":
        mark = schema.marks.italic.create();
        break;
      case "link": {
        const href = normalizeHref(parsed.data.attrs.href);
        if (href !== null) mark = schema.marks.link.create({ href });
        break;
      }
    }
    if (mark) set = mark.addToSet(set);
  }
  return set;
}

function pushText(out: Inline[], text: string, marks: readonly Mark[]): void {
  const lines = cleanText(text).split("\n");
  lines.forEach((line, index) => {
    if (index > 0) out.push({ kind: "break" });
    if (line !== "") out.push({ kind: "text", text: line, marks });
  });
}

/** Inline content of a textblock: text and hard breaks; everything else unwrapped. */
function collectInline(nodes: readonly unknown[], depth: number, out: Inline[] = []): Inline[] {
  if (depth > MAX_DEPTH) return out;
  for (const value of nodes) {
    if (Array.isArray(value)) {
      collectInline(value, depth + 1, out);
      continue;
    }
    const raw = readNode(value);
    if (!raw) continue;
    if (raw.type === "text") {
      if (raw.text) pushText(out, raw.text, sanitizeMarks(raw.marks));
    } else if (raw.type === "hardBreak") {
      out.push({ kind: "break" });
    } else {
      // A textblock nested in a textblock: keep its words apart.
      const isBlock = raw.type === "paragraph" || raw.type === "heading" || raw.type === "message";
      if (isBlock && out.length > 0 && out[out.length - 1].kind !== "break") out.push({ kind: "break" });
      collectInline(raw.content, depth + 1, out);
    }
  }
  return out;
}

function isBlank(inline: readonly Inline[]): boolean {
  return inline.every((item) => item.kind === "text" && item.text.trim() === "");
}

/** Top-level (block) content, in order, with unknown containers unwrapped. */
function collectBlocks(nodes: readonly unknown[], depth: number, out: Block[]): void {
  if (depth > MAX_DEPTH) return;
  let pending: Inline[] | null = null;
  const flush = () => {
    if (pending && !isBlank(pending)) out.push({ kind: "paragraph", inline: pending });
    pending = null;
  };
  for (const value of nodes) {
    if (Array.isArray(value)) {
      flush();
      collectBlocks(value, depth + 1, out);
      continue;
    }
    const raw = readNode(value);
    if (!raw) continue;
    switch (raw.type) {
      case "text":
      case "hardBreak":
        pending ??= [];
        collectInline([value], depth + 1, pending);
        break;
      case "paragraph":
        flush();
        out.push({ kind: "paragraph", inline: collectInline(raw.content, depth + 1) });
        break;
      case "heading":
        flush();
        out.push({ kind: "heading", id: raw.attrs.sectionId, text: headingText(raw.content, depth + 1) });
        break;
      case "message": {
        flush();
        const inner: Block[] = [];
        collectBlocks(raw.content, depth + 1, inner);
        const paragraphs = inner.flatMap((block): Inline[][] => {
          if (block.kind === "paragraph") return [block.inline];
          if (block.kind === "heading") return [block.text ? [{ kind: "text", text: block.text, marks: Mark.none }] : []];
          return block.paragraphs;
        });
        out.push({ kind: "message", id: raw.attrs.messageId, sources: raw.attrs.sources, paragraphs });
        break;
      }
      default:
        // Unknown node (or a nested doc): unwrap it as a block boundary.
        flush();
        collectBlocks(raw.content, depth + 1, out);
    }
  }
  flush();
}

function headingText(content: readonly unknown[], depth: number): string {
  return collectInline(content, depth)
    .map((item) => (item.kind === "text" ? item.text : " "))
    .join("");
}

function inlineNodes(inline: readonly Inline[]): ProseMirrorNode[] {
  return inline.map((item) => (item.kind === "text" ? schema.text(item.text, item.marks) : schema.nodes.hardBreak.create()));
}

function rootContent(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  const raw = readNode(input);
  if (!raw) return [];
  return raw.type === "doc" ? raw.content : [input];
}

/** Sanitizes to a ProseMirror document node of `messageDocumentSchema`. */
export function sanitizeDocument(input: unknown, options: SanitizeOptions = {}): ProseMirrorNode {
  const blocks: Block[] = [];
  collectBlocks(rootContent(input), 0, blocks);

  type Section = { id: unknown; text: string; messages: { id: unknown; sources: unknown; paragraphs: Inline[][] }[] };
  const introduction: Inline[][] = [];
  const sections: Section[] = [];
  let strayMessage: { id: unknown; sources: unknown; paragraphs: Inline[][] } | null = null;
  for (const block of blocks) {
    const current = sections[sections.length - 1];
    if (block.kind === "paragraph") {
      if (!current) {
        introduction.push(block.inline);
      } else {
        if (!strayMessage) {
          strayMessage = { id: null, sources: null, paragraphs: [] };
          current.messages.push(strayMessage);
        }
        strayMessage.paragraphs.push(block.inline);
      }
    } else if (block.kind === "heading") {
      sections.push({ id: block.id, text: block.text, messages: [] });
      strayMessage = null;
    } else {
      const section = current ?? { id: null, text: "", messages: [] };
      if (!current) sections.push(section);
      section.messages.push({
        id: block.id,
        sources: block.sources,
        paragraphs: block.paragraphs.length > 0 ? block.paragraphs : [[]],
      });
      strayMessage = null;
    }
  }

  const slots: { id: unknown }[] = [];
  for (const section of sections) {
    slots.push(section);
    for (const message of section.messages) slots.push(message);
  }
  const plan = planIds(slots, options);
  const ids = new Map<object, string>();
  // A valid id that is given up was a duplicate: that copy starts without sources.
  const copies = new Set<object>();
  slots.forEach((slot, i) => {
    ids.set(slot, plan[i] ?? (slot.id as string));
    if (plan[i] !== null && isValidId(slot.id)) copies.add(slot);
  });

  const paragraph = (inline: readonly Inline[]) => schema.nodes.paragraph.create(null, inlineNodes(inline));
  const children: ProseMirrorNode[] = introduction.map(paragraph);
  for (const section of sections) {
    children.push(schema.nodes.heading.create({ sectionId: ids.get(section) }, section.text ? schema.text(section.text) : null));
    for (const message of section.messages) {
      const sources = copies.has(message) ? null : sanitizeSources(message.sources, options.sources);
      children.push(schema.nodes.message.create({ messageId: ids.get(message), sources }, message.paragraphs.map(paragraph)));
    }
  }
  const doc = schema.nodes.doc.create(null, children);
  doc.check();
  return doc;
}

/** Sanitizes anything to a valid message document JSON (see the module comment). */
export function sanitizeDocumentJson(input: unknown, options: SanitizeOptions = {}): DocumentJson {
  return withoutEmptySources(sanitizeDocument(input, options).toJSON() as DocumentJson);
}

/** A message that cites nothing has no `sources` key in JSON (as before sources existed). */
function withoutEmptySources(doc: DocumentJson): DocumentJson {
  if (!doc.content) return doc;
  return {
    ...doc,
    content: doc.content.map((node) => {
      if (node.type !== "message" || node.attrs.sources) return node;
      return { ...node, attrs: { messageId: node.attrs.messageId } };
    }),
  };
}

/** True when `input` is already a valid document (schema, links, ids): sanitizing would not change it. */
export function isValidDocumentJson(input: unknown): boolean {
  try {
    const doc = schema.nodeFromJSON(input);
    doc.check();
    return (
      JSON.stringify(sanitizeDocumentJson(input, { deterministic: true })) ===
      JSON.stringify(withoutEmptySources(doc.toJSON() as DocumentJson))
    );
  } catch {
    return false;
  }
}
