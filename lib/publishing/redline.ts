import { DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, Paragraph, TextRun } from "docx";
import type { WordPart } from "@/lib/documents/word-diff";
import { primaryLanguage } from "@/lib/events/languages";
import { publicationWords } from "@/lib/i18n/words";
import { DEFAULT_COMPARE_LIMITS } from "./compare";
import { comparisonOf, type Comparison } from "./comparison";

/** Two published versions of a theme compared for a redline (spaces exact, see `wordDiff`), or null when they are not there. */
export function redlineComparison(eventSlug: string, themeSlug: string, choice: { from?: string; to?: string } = {}) {
  return comparisonOf(eventSlug, themeSlug, choice, { ...DEFAULT_COMPARE_LIMITS, exactSpaces: true });
}

/** Who made the changes and when, as Word shows it beside each: the newer version's publication. */
interface Revision {
  author: string;
  date: string;
}

/**
 * A comparison as a Word document with real tracked changes: the newer
 * version's text, where every insertion is a `w:ins` and every deletion a
 * `w:del` (its text in `w:delText`), each with the author and date of the
 * newer version's publication. Word and LibreOffice list them under Review,
 * to accept or reject one by one; accepting all gives the newer text, and
 * rejecting all the older one. Messages are numbered as in the newer version;
 * a removed message keeps its old number, deleted with it.
 */
export async function redlineDocx(comparison: Comparison): Promise<Buffer> {
  const { newer, older, newerJson, changes, themeTitle } = comparison;
  const language = primaryLanguage(newerJson.language);
  const { booklet: t } = publicationWords(language);
  const revision: Revision = { author: newer.publisherName || "Secretariat", date: newer.createdAt.toISOString() };
  let nextId = 1;
  const tracked = (part: WordPart, text: string | undefined, lineBreak: boolean) => {
    const options = { ...(text !== undefined ? { text } : {}), ...(lineBreak ? { break: 1 } : {}) };
    if (part.change === "added") return new InsertedTextRun({ ...options, id: nextId++, ...revision });
    if (part.change === "removed") return new DeletedTextRun({ ...options, id: nextId++, ...revision });
    return new TextRun(options);
  };
  /** A diff's parts as runs: "\n" (a new paragraph or a line break inside the message) becomes a line break of the same kind. */
  const runsOf = (parts: WordPart[]) =>
    parts.flatMap((part) =>
      part.text
        .split("\n")
        .flatMap((line, i) => [
          ...(i > 0 ? [tracked(part, undefined, true)] : []),
          ...(line ? [tracked(part, line, false)] : []),
        ]),
    );

  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(themeTitle)] }),
    new Paragraph({
      children: [new TextRun({ text: t("redline", { older: older.label, newer: newer.label }), italics: true })],
    }),
  ];
  let section: string | null = null;
  for (const change of changes) {
    const place = change.to ?? change.from!;
    if (place.section !== section) {
      section = place.section;
      if (section) body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(section)] }));
    }
    const number: WordPart = {
      text: `${place.number}. `,
      change: change.kind === "removed" ? "removed" : change.kind === "added" ? "added" : "same",
    };
    body.push(new Paragraph({ children: runsOf([number, ...change.words]) }));
  }
  const document = new Document({
    title: `${themeTitle}: ${older.label} → ${newer.label}`,
    creator: revision.author,
    features: { trackRevisions: true },
    styles: { default: { document: { run: { font: "Noto Sans", size: 21 } } } },
    sections: [{ properties: {}, children: body }],
  });
  return Packer.toBuffer(document);
}
