import { createHash } from "node:crypto";
import { sanitizeDocumentJson, type DocumentJson, type InlineJson, type ParagraphJson } from "@/lib/documents";
import type { FrozenFrontMatter } from "@/lib/events/front-matter";
import { directionOf } from "@/lib/events/languages";
import { publicationWords } from "@/lib/i18n/words";
import { annexGroups, sessionHref, shownSources } from "@/lib/sources/display";
import type { FrozenSession, FrozenSources } from "@/lib/sources/frozen";

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
  /** The language the messages are written in (BCP 47); versions published before it was recorded lack it (English). */
  language?: string;
  content: DocumentJson;
  /** The annex: the theme's sessions at publication (versions published before sources existed lack it). */
  sessions?: FrozenSession[];
  /** The text of each cited recommendation item at publication, by `<session>/<item>`. */
  quotes?: Record<string, string>;
}

/** What the HTML and Markdown of a version add to its messages: their sources and the annex. */
export interface RenderExtras {
  sources?: FrozenSources;
  /** Makes our session pages absolute links in exported files. */
  origin?: string | null;
  /** The messages' language: the HTML is marked with it (and its direction). */
  language?: string;
}

/** The words around the content, in the messages' language (lib/i18n/words.ts). */
const wordsOf = (extras: RenderExtras) => publicationWords(extras.language ?? "en");

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
export function renderHtml(input: unknown, extras: RenderExtras = {}): string {
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
        `<div class="message" id="message-${node.attrs.messageId}"><span class="number">${number}.</span>${paragraphs}${sourcesHtml(node.attrs.sources, extras)}</div>`,
      );
    }
  }
  lines.push(...annexHtml(extras));
  const html = lines.join("\n") + "\n";
  if (!extras.language) return html;
  return `<div lang="${escapeHtml(extras.language)}" dir="${directionOf(extras.language)}">\n${html}</div>\n`;
}

function sourcesHtml(value: unknown, extras: RenderExtras): string {
  if (!extras.sources) return "";
  const shown = shownSources(value, extras.sources).filter((s) => s.session);
  if (shown.length === 0) return "";
  const items = shown.map(({ session, quote }) => {
    const link = `<a href="${escapeHtml(sessionHref(session!, extras.origin ?? null))}">${escapeHtml(session!.title)}</a>`;
    return quote ? `${link}: “${escapeHtml(quote)}”` : link;
  });
  return `<p class="sources">${escapeHtml(wordsOf(extras).booklet("drawnFrom"))} ${items.join("; ")}</p>`;
}

function annexHtml(extras: RenderExtras): string[] {
  const groups = annexGroups(extras.sources?.sessions, wordsOf(extras));
  if (groups.length === 0) return [];
  const lines = [`<h2 id="annex">${escapeHtml(wordsOf(extras).booklet("exportAnnex"))}</h2>`];
  for (const group of groups) {
    lines.push(`<h3>${escapeHtml(group.label)}</h3>`);
    const items = group.sessions.map(
      (s) => `<li><a href="${escapeHtml(sessionHref(s, extras.origin ?? null))}">${escapeHtml(s.title)}</a></li>`,
    );
    lines.push(`<ul>${items.join("")}</ul>`);
  }
  return lines;
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
export function renderMarkdown(input: unknown, extras: RenderExtras = {}): string {
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
      const sources = sourcesMarkdown(node.attrs.sources, extras);
      if (sources) paragraphs.push(sources);
      blocks.push(marker + paragraphs.join(`\n\n${indent}`));
    }
  }
  blocks.push(...annexMarkdown(extras));
  return blocks.join("\n\n") + "\n";
}

const markdownLink = (text: string, href: string) => `[${escapeMarkdown(text)}](<${href.replace(/[<>]/g, encodeURIComponent)}>)`;

function sourcesMarkdown(value: unknown, extras: RenderExtras): string {
  if (!extras.sources) return "";
  const shown = shownSources(value, extras.sources).filter((s) => s.session);
  if (shown.length === 0) return "";
  const items = shown.map(({ session, quote }) => {
    const link = markdownLink(session!.title, sessionHref(session!, extras.origin ?? null));
    return quote ? `${link}: “${escapeMarkdown(quote.replace(/\s+/g, " "))}”` : link;
  });
  return `*${wordsOf(extras).booklet("drawnFrom")}* ${items.join("; ")}`;
}

function annexMarkdown(extras: RenderExtras): string[] {
  const groups = annexGroups(extras.sources?.sessions, wordsOf(extras));
  if (groups.length === 0) return [];
  const blocks = [`## ${escapeMarkdown(wordsOf(extras).booklet("exportAnnex"))}`];
  for (const group of groups) {
    blocks.push(`### ${escapeMarkdown(group.label)}`);
    blocks.push(group.sessions.map((s) => `- ${markdownLink(s.title, sessionHref(s, extras.origin ?? null))}`).join("\n"));
  }
  return blocks;
}
