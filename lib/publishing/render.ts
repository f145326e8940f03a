import { createHash } from "node:crypto";
import { sanitizeDocumentJson, type DocumentJson, type InlineJson, type ParagraphJson } from "@/lib/documents";
import type { FrozenFrontMatter } from "@/lib/events/front-matter";

/**
 * Renderings of a message document for publication: canonical JSON (the bytes
 * that are hashed and downloaded), HTML and Markdown. Each goes through the
 * schema first, whatever was stored, so unknown nodes, unsafe links and
 * duplicate ids never reach a published page.
 */

/** JSON with object keys sorted and no whitespace: equal content, equal bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** What a version's canonical JSON holds (written by the freeze in `publish.ts`). */
export interface FrozenVersionJson {
  event: string;
  theme: string;
  title: string;
  milestone: string;
  version: number;
  label: string;
  publishedAt: string;
  /** The theme's front matter as it stood at publication (versions published before it existed lack it). */
  frontMatter?: FrozenFrontMatter;
  content: DocumentJson;
}

/** Reads a version's canonical JSON back; the freeze wrote it through the schema, so its shape is known. */
export function parseFrozen(canonical: string): FrozenVersionJson {
  return JSON.parse(canonical) as FrozenVersionJson;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function inlineHtml(content: InlineJson[] = []): string {
  return content
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      let html = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") html = `<strong>${html}</strong>`;
        else if (mark.type === "italic") html = `<em>${html}</em>`;
        else if (mark.type === "link") html = `<a href="${escapeHtml(mark.attrs.href)}" rel="nofollow noopener">${html}</a>`;
      }
      return html;
    })
    .join("");
}

const headingText = (content: { text: string }[] = []) => content.map((t) => t.text).join("");

/** HTML of the document: introduction, sections, messages numbered across the document. */
export function renderHtml(input: unknown): string {
  const doc = sanitizeDocumentJson(input);
  const lines: string[] = [];
  let number = 0;
  for (const node of doc.content ?? []) {
    if (node.type === "paragraph") lines.push(`<p>${inlineHtml(node.content)}</p>`);
    else if (node.type === "heading")
      lines.push(`<h2 id="section-${node.attrs.sectionId}">${escapeHtml(headingText(node.content))}</h2>`);
    else {
      number += 1;
      const paragraphs = (node.content ?? []).map((p: ParagraphJson) => `<p>${inlineHtml(p.content)}</p>`).join("");
      lines.push(
        `<div class="message" id="message-${node.attrs.messageId}"><span class="number">${number}.</span>${paragraphs}</div>`,
      );
    }
  }
  return lines.join("\n") + "\n";
}

/**
 * Backslash-escapes what Markdown would otherwise read as syntax: every ASCII
 * punctuation character that can open or close inline or block syntax
 * (emphasis, links, code, headings, lists, quotes, tables, setext underlines).
 */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_{}[\]()<>#+\-.!|~&=])/g, "\\$1");

/** Spaces or tabs that open a line would make an indented code block: written as character references. */
const escapeLeadingWhitespace = (md: string) => md.replace(/^[ \t]+/, (run) => run.replace(/ /g, "&#32;").replace(/\t/g, "&#9;"));

function inlineMarkdown(content: InlineJson[] = [], indent = ""): string {
  let atLineStart = true;
  return content
    .map((node) => {
      if (node.type === "hardBreak") {
        atLineStart = true;
        return `  \n${indent}`;
      }
      let md = escapeMarkdown(node.text);
      if (atLineStart) md = escapeLeadingWhitespace(md);
      if (node.text.length > 0) atLineStart = false;
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") md = `**${md}**`;
        else if (mark.type === "italic") md = `*${md}*`;
        else if (mark.type === "link") md = `[${md}](<${mark.attrs.href.replace(/[<>]/g, encodeURIComponent)}>)`;
      }
      return md;
    })
    .join("");
}

/** Markdown of the document; messages are numbered list items, numbered across sections. */
export function renderMarkdown(input: unknown): string {
  const doc: DocumentJson = sanitizeDocumentJson(input);
  const blocks: string[] = [];
  let number = 0;
  for (const node of doc.content ?? []) {
    if (node.type === "paragraph") blocks.push(inlineMarkdown(node.content));
    else if (node.type === "heading") blocks.push(`## ${escapeMarkdown(headingText(node.content))}`);
    else {
      number += 1;
      const marker = `${number}. `;
      const indent = " ".repeat(marker.length);
      const paragraphs = (node.content ?? []).map((p: ParagraphJson) => inlineMarkdown(p.content, indent));
      blocks.push(marker + paragraphs.join(`\n\n${indent}`));
    }
  }
  return blocks.join("\n\n") + "\n";
}
