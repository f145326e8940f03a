import { createRequire } from "node:module";
import path from "node:path";
import type { Booklet } from "./model";
import { bookletWords } from "./words";

/**
 * The booklet as a PDF, through Typst (typst.ts's native Node compiler: no
 * browser). The template below is fixed; the booklet's data goes in as JSON
 * through `sys.inputs`, so no text from a document is ever read as Typst
 * markup. Fonts come from npm packages: Noto Sans (Latin, Cyrillic, Greek),
 * Noto Sans SC (Chinese) and Noto Sans Arabic (shaped, right to left).
 */
export const TEMPLATE = String.raw`
#let data = json(bytes(sys.inputs.data))
#let at = data.publishedAt
#set document(
  title: data.title + ": " + data.label,
  author: data.event.name,
  date: datetime(year: at.year, month: at.month, day: at.day, hour: at.hour, minute: at.minute, second: at.second),
)
#set page(paper: "a4", margin: (x: 2.3cm, top: 2.4cm, bottom: 2.6cm))
#set text(font: ("Noto Sans", "Noto Sans SC", "Noto Sans Arabic"), size: 10.5pt, lang: data.lang)
#set par(leading: 0.7em, spacing: 1em)
#show heading.where(level: 1): it => {
  pagebreak(weak: true)
  set text(size: 19pt, weight: "bold")
  block(below: 1.1em, it)
}
#show heading.where(level: 2): set text(size: 13.5pt, weight: "bold")
#show heading.where(level: 3): set text(size: 11.5pt, weight: "bold")
#show link: underline

#let runs(list) = {
  for r in list {
    if r.at("breakBefore", default: false) { linebreak() }
    let c = [#r.text]
    if r.at("bold", default: false) { c = strong(c) }
    if r.at("italic", default: false) { c = emph(c) }
    if r.at("href", default: none) != none { c = link(r.href, c) }
    c
  }
}

// Cover
#page(numbering: none, footer: none)[
  #v(2.5cm)
  #text(size: 12pt)[#data.event.name #if data.event.place != "" [· #data.event.place] #if data.event.dates != "" [· #data.event.dates]]
  #v(1.2cm)
  #text(size: 28pt, weight: "bold")[#data.title]
  #v(0.4cm)
  #text(size: 16pt)[#data.label]
  #v(1fr)
  #text(size: 11pt)[#data.words.published]
]

#set page(
  numbering: "1",
  footer: context [
    #set text(size: 8pt, fill: luma(90))
    #data.title: #data.label #h(1fr) #counter(page).display("1")
  ],
)
#counter(page).update(1)

#outline(title: [#data.words.contents], depth: 2)

#if data.method.len() > 0 [
  = #data.words.method
  #for p in data.method [#par[#p]]
]

#for theme in data.themes [
  #set text(lang: theme.lang)
  = #theme.title
  #let fm = theme.frontMatter
  #if fm != none and fm.about.len() > 0 [
    == #theme.words.aboutTheme
    #list(..fm.about.map(p => [#p]))
  ]
  #if fm != none and fm.sdgs.len() > 0 [
    == #theme.words.sdgs
    #list(..theme.words.sdgLines.map(l => [#l]))
  ]
  #if fm != none and fm.tags.len() > 0 [
    == #theme.words.issues
    #list(..fm.tags.map(t => [#t]))
  ]
  #for block in theme.blocks {
    if block.type == "section" [
      == #block.text
    ] else if block.type == "message" {
      enum.item(block.number, {
        block.paragraphs.map(p => par(runs(p))).join()
        if block.sources.len() > 0 {
          text(size: 8.5pt, fill: luma(70))[#emph(theme.words.drawnFrom) #block.sources.join("; ")]
        }
      })
    } else {
      par(runs(block.runs))
    }
  }
]

#let annexed = data.themes.filter(t => t.frontMatter != none and t.frontMatter.questions.len() > 0)
#if annexed.len() > 0 [
  = #data.words.annexQuestions
  #for theme in annexed [
    #if data.themes.len() > 1 [== #theme.title]
    #for group in theme.frontMatter.questions [
      === #group.heading
      #list(..group.questions.map(q => [#q]))
    ]
  ]
]

#let sessioned = data.themes.filter(t => t.annex.len() > 0)
#if sessioned.len() > 0 [
  = #data.words.annexSessions
  #for theme in sessioned [
    #if data.themes.len() > 1 [== #theme.title]
    #for group in theme.annex [
      === #group.label
      #list(..group.sessions.map(s => link(s.href)[#s.title]))
    ]
  ]
]

= #data.words.aboutDocument
#par[#data.words.reproduces]
#for theme in data.themes [
  #par[#theme.words.version #text(size: 8.5pt)[#theme.sha256].]
]
#par[#data.words.hashOf]
#block(inset: (y: 4pt))[#text(size: 9pt, weight: "bold")[#data.hash.sha256]]
#par[#data.words.verify]
`;

// Resolved from the project at run time (not traced by the bundler): the fonts are files, not modules.
const require = createRequire(path.join(process.cwd(), "package.json"));
const fontFile = (pkg: string, weight: string, file: string) =>
  path.join(path.dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`)), weight, file);

/** The font files a booklet may use (regular, bold and italics of the Latin face; regular and bold of the others). */
export function bookletFonts(): string[] {
  return [
    fontFile("noto-sans", "400Regular", "NotoSans_400Regular.ttf"),
    fontFile("noto-sans", "400Regular_Italic", "NotoSans_400Regular_Italic.ttf"),
    fontFile("noto-sans", "700Bold", "NotoSans_700Bold.ttf"),
    fontFile("noto-sans", "700Bold_Italic", "NotoSans_700Bold_Italic.ttf"),
    fontFile("noto-sans-sc", "400Regular", "NotoSansSC_400Regular.ttf"),
    fontFile("noto-sans-sc", "700Bold", "NotoSansSC_700Bold.ttf"),
    fontFile("noto-sans-arabic", "400Regular", "NotoSansArabic_400Regular.ttf"),
    fontFile("noto-sans-arabic", "700Bold", "NotoSansArabic_700Bold.ttf"),
  ];
}

/** The JSON the template reads: the booklet with its words (./words.ts), and the publication time split for Typst's datetime. */
export function typstInput(booklet: Booklet): string {
  const at = new Date(booklet.publishedAt);
  const { themes, ...words } = bookletWords(booklet);
  return JSON.stringify({
    ...booklet,
    words,
    themes: booklet.themes.map((theme, i) => ({ ...theme, words: themes[i] })),
    publishedAt: {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
      hour: at.getUTCHours(),
      minute: at.getUTCMinutes(),
      second: at.getUTCSeconds(),
    },
  });
}

type Compiler = import("@myriaddreamin/typst-ts-node-compiler").NodeCompiler;
let compiler: Compiler | null = null;

/** Renders a booklet as PDF bytes; the same booklet gives the same bytes. */
export async function renderPdf(booklet: Booklet): Promise<Buffer> {
  if (!compiler) {
    const { NodeCompiler } = await import("@myriaddreamin/typst-ts-node-compiler");
    compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: bookletFonts() }] });
  }
  return compiler.pdf({ mainFileContent: TEMPLATE, inputs: { data: typstInput(booklet) } });
}
