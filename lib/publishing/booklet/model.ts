import type { DocumentJson, InlineJson } from "@/lib/documents/types";
import type { FrozenFrontMatter } from "@/lib/events/front-matter";
import { annexGroups, sessionHref, shownSources } from "@/lib/sources/display";
import type { FrozenSession, FrozenSources } from "@/lib/sources/frozen";
import { publicationWords } from "@/lib/i18n/words";

/**
 * What a booklet holds, whatever its format: one theme's version, or a
 * message set (every theme of one publication). Built only from frozen data
 * (a version's canonical JSON, a set's manifest), so the same booklet comes
 * out the same every time.
 */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
  /** A line break inside the paragraph, before this run. */
  breakBefore?: boolean;
}

export type Block =
  | { type: "paragraph"; runs: Run[] }
  | { type: "section"; text: string }
  | {
      type: "message";
      number: number;
      paragraphs: Run[][];
      /** "Drawn from": each source as one line (the session's title, and the quoted recommendation). */
      sources: string[];
    };

/** The annex of a theme: its sessions by type, each with a link. */
export interface AnnexGroup {
  label: string;
  sessions: { title: string; href: string }[];
}

export interface BookletTheme {
  title: string;
  label: string;
  version: number;
  sha256: string;
  frontMatter: FrozenFrontMatter | null;
  blocks: Block[];
  annex: AnnexGroup[];
  /** The language of the theme's messages (BCP 47) and its direction. */
  lang: string;
  dir: "ltr" | "rtl";
}

export interface Booklet {
  kind: "version" | "set";
  /** The cover's title: the theme's, or the event's for a set. */
  title: string;
  /** "Day 4 draft", "Final messages", … */
  label: string;
  event: { name: string; place: string; dates: string };
  /** The publication date as readers see it (in the event's time zone). */
  publishedOn: string;
  /** ISO time of publication: the PDF's creation date. */
  publishedAt: string;
  /** Language of the text (BCP 47). */
  lang: string;
  /** "How the messages were developed" (paragraphs). */
  method: string[];
  themes: BookletTheme[];
  /** What the colophon tells readers to verify. */
  hash: { sha256: string; of: string; file: string; url: string };
  /** File name without extension, e.g. `igf-2019-security-day-4`. */
  fileName: string;
  /** What it reproduces, as a stable key: `version:<id>` or `set:<eventId>:<milestone>`. */
  source: string;
}

function runsOf(content: InlineJson[] = []): Run[] {
  const runs: Run[] = [];
  let breakNext = false;
  for (const node of content) {
    if (node.type === "hardBreak") {
      breakNext = true;
      continue;
    }
    const run: Run = { text: node.text };
    for (const mark of node.marks ?? []) {
      if (mark.type === "bold") run.bold = true;
      else if (mark.type === "italic") run.italic = true;
      else if (mark.type === "link") run.href = mark.attrs.href;
    }
    if (breakNext) run.breakBefore = true;
    breakNext = false;
    runs.push(run);
  }
  return runs;
}

/** A message document as booklet blocks: intro paragraphs, section headings, messages numbered from 1 with their sources. */
export function blocksOf(doc: DocumentJson, frozen: Partial<FrozenSources> = {}): Block[] {
  let number = 0;
  return (doc.content ?? []).map((node): Block => {
    if (node.type === "heading") return { type: "section", text: (node.content ?? []).map((t) => t.text).join("") };
    if (node.type === "message") {
      const sources = shownSources(node.attrs.sources, frozen)
        .filter((s) => s.session)
        .map(({ session, quote }) => (quote ? `${session!.title}: “${quote}”` : session!.title));
      return { type: "message", number: ++number, paragraphs: node.content.map((p) => runsOf(p.content)), sources };
    }
    return { type: "paragraph", runs: runsOf(node.content) };
  });
}

/** The annex of a frozen version, links made absolute with the site's origin. */
export function annexOf(sessions: readonly FrozenSession[] | undefined, origin: string, language = "en"): AnnexGroup[] {
  return annexGroups(sessions, publicationWords(language)).map((group) => ({
    label: group.label,
    sessions: group.sessions.map((s) => ({ title: s.title, href: sessionHref(s, origin) })),
  }));
}

export const plainText = (runs: Run[]) => runs.map((r) => r.text).join("");
