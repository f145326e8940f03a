import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  TextRun,
  type ParagraphChild,
} from "docx";
import type { Booklet, Run } from "./model";
import { bookletWords } from "./words";

/**
 * The booklet as a Word document: Word's heading styles (so the navigation
 * pane and any table of contents a reader adds work), messages as a real
 * numbered list that restarts for each theme, the contents as static text
 * (no field to update), and the hash in every page's footer.
 */
const MESSAGES = "messages";

function runs(list: Run[], rtl = false): ParagraphChild[] {
  return list.map((r) => {
    const text = new TextRun({
      text: r.text,
      bold: r.bold,
      italics: r.italic,
      break: r.breakBefore ? 1 : undefined,
      rightToLeft: rtl || undefined,
    });
    return r.href ? new ExternalHyperlink({ link: r.href, children: [text] }) : text;
  });
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreak = false) =>
  new Paragraph({ heading: level, pageBreakBefore: pageBreak, children: [new TextRun(text)] });
const bullet = (text: string) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun(text)] });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });

export function bookletDocument(booklet: Booklet): Document {
  const words = bookletWords(booklet);
  const body: Paragraph[] = [];
  // Cover.
  body.push(
    para([booklet.event.name, booklet.event.place, booklet.event.dates].filter(Boolean).join(" · ")),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(booklet.title)] }),
    new Paragraph({ children: [new TextRun({ text: booklet.label, size: 32 })] }),
    para(words.published),
    new Paragraph({ children: [new PageBreak()] }),
  );
  // Contents, as plain text.
  const annexed = booklet.themes.filter((t) => (t.frontMatter?.questions.length ?? 0) > 0);
  const sessioned = booklet.themes.filter((t) => t.annex.length > 0);
  const contents = [
    ...(booklet.method.length > 0 ? [words.method] : []),
    ...booklet.themes.map((t) => t.title),
    ...(annexed.length > 0 ? [words.annexQuestions] : []),
    ...(sessioned.length > 0 ? [words.annexSessions] : []),
    words.aboutDocument,
  ];
  body.push(heading(words.contents, HeadingLevel.HEADING_1), ...contents.map((c, i) => para(`${i + 1}. ${c}`)));
  if (booklet.method.length > 0) {
    body.push(heading(words.method, HeadingLevel.HEADING_1, true), ...booklet.method.map(para));
  }
  booklet.themes.forEach((theme, index) => {
    // Right-to-left themes (Arabic) get right-to-left paragraphs and runs.
    const rtl = theme.dir === "rtl";
    const themeWords = words.themes[index];
    body.push(heading(theme.title, HeadingLevel.HEADING_1, true));
    const fm = theme.frontMatter;
    if (fm?.about.length) body.push(heading(themeWords.aboutTheme, HeadingLevel.HEADING_2), ...fm.about.map(bullet));
    if (fm?.sdgs.length) body.push(heading(themeWords.sdgs, HeadingLevel.HEADING_2), ...themeWords.sdgLines.map(bullet));
    if (fm?.tags.length) body.push(heading(themeWords.issues, HeadingLevel.HEADING_2), ...fm.tags.map(bullet));
    for (const block of theme.blocks) {
      if (block.type === "section") body.push(heading(block.text, HeadingLevel.HEADING_2));
      else if (block.type === "paragraph") body.push(new Paragraph({ bidirectional: rtl, children: runs(block.runs, rtl) }));
      else {
        block.paragraphs.forEach((p, i) =>
          body.push(
            i === 0
              ? new Paragraph({
                  bidirectional: rtl,
                  numbering: { reference: MESSAGES, level: 0, instance: index + 1 },
                  children: runs(p, rtl),
                })
              : new Paragraph({ bidirectional: rtl, indent: { left: 720 }, children: runs(p, rtl) }),
          ),
        );
        if (block.sources.length > 0) {
          body.push(
            new Paragraph({
              indent: { left: 720 },
              children: [
                new TextRun({ text: `${themeWords.drawnFrom} `, italics: true, size: 17 }),
                new TextRun({ text: block.sources.join("; "), size: 17 }),
              ],
            }),
          );
        }
      }
    }
  });
  if (annexed.length > 0) {
    body.push(heading(words.annexQuestions, HeadingLevel.HEADING_1, true));
    for (const theme of annexed) {
      if (booklet.themes.length > 1) body.push(heading(theme.title, HeadingLevel.HEADING_2));
      for (const group of theme.frontMatter!.questions) {
        body.push(heading(group.heading, HeadingLevel.HEADING_3), ...group.questions.map(bullet));
      }
    }
  }
  if (sessioned.length > 0) {
    body.push(heading(words.annexSessions, HeadingLevel.HEADING_1, true));
    for (const theme of sessioned) {
      if (booklet.themes.length > 1) body.push(heading(theme.title, HeadingLevel.HEADING_2));
      for (const group of theme.annex) {
        body.push(heading(group.label, HeadingLevel.HEADING_3));
        for (const session of group.sessions) {
          body.push(
            new Paragraph({
              bullet: { level: 0 },
              children: [
                new ExternalHyperlink({
                  link: session.href,
                  children: [new TextRun({ text: session.title, style: "Hyperlink" })],
                }),
              ],
            }),
          );
        }
      }
    }
  }
  body.push(
    heading(words.aboutDocument, HeadingLevel.HEADING_1, true),
    para(words.reproduces),
    ...booklet.themes.map((t, i) => para(`${words.themes[i].version} ${t.sha256}.`)),
    para(`${words.hashOf} ${booklet.hash.sha256}`),
    para(words.verify),
  );
  return new Document({
    title: `${booklet.title}: ${booklet.label}`,
    creator: booklet.event.name,
    description: `SHA-256 of ${booklet.hash.of}: ${booklet.hash.sha256}`,
    styles: { default: { document: { run: { font: "Noto Sans", size: 21 } } } },
    numbering: {
      config: [
        {
          reference: MESSAGES,
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [new TextRun({ text: `SHA-256 of ${booklet.hash.of}: ${booklet.hash.sha256}`, size: 14 })],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
}

export const renderDocx = (booklet: Booklet): Promise<Buffer> => Packer.toBuffer(bookletDocument(booklet));
