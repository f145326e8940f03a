import JSZip from "jszip";
import mammoth from "mammoth";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { updateFrontMatter } from "@/lib/events/front-matter";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { publishMilestone } from "../publish";
import { setBookletFile, versionBookletFile } from "./index";
import { bookletDocument } from "./docx";
import { annexOf, blocksOf, type Booklet } from "./model";
import { renderPdf, TEMPLATE, typstInput } from "./typst";
import { Packer } from "docx";

const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const message = (id: string, ...texts: string[]) => ({ type: "message", attrs: { messageId: id }, content: texts.map(para) });
const citing = (id: string, sources: string, text: string) => ({
  type: "message",
  attrs: { messageId: id, sources },
  content: [para(text)],
});
const SESSION = "33333333-3333-4333-8333-333333333333";
const frozenSession = {
  id: SESSION,
  title: "Open forum on trust",
  type: "OPEN_FORUM" as const,
  startsAt: "2019-11-26T09:00:00.000Z",
  page: `/events/igf/sessions/${SESSION}`,
  link: "",
};
const section = (id: string, text: string) => ({ type: "heading", attrs: { sectionId: id }, content: [{ type: "text", text }] });

const CHINESE = "数据治理应当以人为本，尊重隐私。";
const ARABIC = "يجب أن تحترم حوكمة البيانات الخصوصية.";

function handWritten(): Booklet {
  return {
    kind: "set",
    title: "IGF 2019",
    label: "Final messages",
    event: { name: "IGF 2019", place: "Berlin", dates: "25–29 November 2019" },
    publishedOn: "29 November 2019",
    publishedAt: "2019-11-29T17:00:00.000Z",
    lang: "en",
    method: ["Drawn from the sessions."],
    themes: [
      {
        title: "Security",
        label: "Final",
        version: 3,
        sha256: "a".repeat(64),
        frontMatter: {
          about: ["Why trust matters."],
          sdgs: [{ number: 16, name: "Peace, Justice and Strong Institutions" }],
          tags: ["Encryption"],
          questions: [{ heading: "Trust and accountability", questions: ["Who answers for a failure?"] }],
        },
        blocks: blocksOf(
          {
            type: "doc",
            content: [
              para("Intro."),
              section("s-1", "Safety"),
              message("m-1", "First *message* #not-typst."),
              message("m-2", "Second, first paragraph.", "Second, second paragraph."),
              citing("m-3", `${SESSION}/rtrust001`, "Third."),
            ],
          } as never,
          { sessions: [frozenSession], quotes: { [`${SESSION}/rtrust001`]: "Publish incident reports." } },
        ),
        annex: annexOf([frozenSession], "https://x.test"),
        lang: "en",
        dir: "ltr",
      },
      {
        title: "Inclusion",
        label: "Final",
        version: 3,
        sha256: "b".repeat(64),
        frontMatter: null,
        blocks: [],
        annex: [],
        lang: "en",
        dir: "ltr",
      },
    ],
    hash: { sha256: "c".repeat(64), of: "the set's manifest", file: "igf-2019-final-manifest.json", url: "https://x.test/m" },
    fileName: "igf-2019-final",
    source: "set:test",
  };
}

describe("booklets", () => {
  it("print their words in the publication's language, from the catalogues: a French booklet in both formats", async () => {
    const english = handWritten();
    const french: Booklet = {
      ...english,
      lang: "fr",
      themes: english.themes.map((theme) => ({ ...theme, lang: "fr", annex: annexOf([frozenSession], "https://x.test", "fr") })),
    };
    expect(french.themes[0].annex[0].label).toBe("Forums ouverts");
    const words = JSON.parse(typstInput(french));
    expect(words.words).toMatchObject({ contents: "Table des matières", annexSessions: "Annexe : sessions" });
    expect(words.themes[0].words).toMatchObject({ aboutTheme: "À propos du thème", drawnFrom: "Tiré de :" });
    const html = (await mammoth.convertToHtml({ buffer: await Packer.toBuffer(bookletDocument(french)) })).value;
    for (const heading of [
      "<h1>Table des matières</h1>",
      "<h2>À propos du thème</h2>",
      "<h1>Annexe : sessions</h1>",
      "<h3>Forums ouverts</h3>",
    ])
      expect(html).toContain(heading);
    expect(html).toContain("ODD 16 : Peace, Justice and Strong Institutions");
    expect(html).not.toContain("Annex: Sessions");
    const pdf = await renderPdf(french);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const piece of [
      "Table des matières",
      "Comment les messages ont été élaborés",
      "Annexe : sessions",
      "À propos de ce document",
    ])
      expect(text).toContain(piece);
    expect(text).not.toContain("About this document");
  }, 60_000);

  it("number messages from 1 per document and keep their paragraphs; the data reaches Typst as JSON, never as markup", () => {
    const booklet = handWritten();
    expect(booklet.themes[0].blocks.map((b) => b.type)).toEqual(["paragraph", "section", "message", "message", "message"]);
    expect(booklet.themes[0].blocks.filter((b) => b.type === "message").map((b) => (b as { number: number }).number)).toEqual([
      1, 2, 3,
    ]);
    expect(booklet.themes[0].blocks[4]).toMatchObject({ sources: ["Open forum on trust: “Publish incident reports.”"] });
    expect(booklet.themes[0].annex).toEqual([
      {
        label: "Open forums",
        sessions: [{ title: "Open forum on trust", href: `https://x.test/events/igf/sessions/${SESSION}` }],
      },
    ]);
    const input = JSON.parse(typstInput(booklet));
    expect(input.publishedAt).toEqual({ year: 2019, month: 11, day: 29, hour: 17, minute: 0, second: 0 });
    expect(input.themes[0].blocks[2].paragraphs[0][0].text).toBe("First *message* #not-typst.");
    expect(TEMPLATE).toContain("json(bytes(sys.inputs.data))");
    expect(TEMPLATE).not.toContain("${");
  });

  it("as DOCX: Word headings, messages as a numbered list restarting per theme, static contents, the hash in the footer", async () => {
    const bytes = await Packer.toBuffer(bookletDocument(handWritten()));
    const html = (await mammoth.convertToHtml({ buffer: bytes })).value;
    expect(html).toContain("<h1>Security</h1>");
    expect(html).toContain("<h2>Safety</h2>");
    expect(html).toContain("<h2>About the theme</h2>");
    expect(html).toContain("<h3>Trust and accountability</h3>");
    expect(html).toMatch(/<ol><li>First \*message\* #not-typst\.<\/li><li>Second, first paragraph\.<\/li>/);
    expect(html).toContain("Drawn from: </em>Open forum on trust: “Publish incident reports.”");
    expect(html).toContain("<h1>Annex: Sessions</h1>");
    expect(html).toContain(`<a href="https://x.test/events/igf/sessions/${SESSION}">Open forum on trust</a>`);
    const zip = await JSZip.loadAsync(bytes);
    const document = await zip.file("word/document.xml")!.async("string");
    // Three numbered messages and five bullets (about, goal, tag, question, session): list items, not typed numbers.
    expect(document.match(/<w:numPr>/g)).toHaveLength(8);
    expect(document).not.toContain("w:fldChar"); // the contents are text, not a field to update
    expect(document).toContain("1. How the messages were developed");
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d*\.xml$/.test(name))
        .map((name) => zip.file(name)!.async("string")),
    );
    expect(footers.join("")).toContain("c".repeat(64));
  });

  it("of a published set: the PDF's text, fonts and metadata, the DOCX read back, and the same bytes on every download", async () => {
    const event = await makeEvent(db(), { themes: ["Data governance", "Security"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    await db().event.update({ where: { id: event.id }, data: { messagesMethod: "Drawn from the week." } });
    const session = await db().session.create({
      data: {
        eventId: event.id,
        themeId: event.themes[0].id,
        title: "Workshop on consent",
        type: "WORKSHOP",
        startsAt: new Date("2026-11-26T09:00:00Z"),
        endsAt: new Date("2026-11-26T10:30:00Z"),
      },
    });
    const report = await db().sessionReport.create({ data: { sessionId: session.id, content: {}, dirty: false } });
    await db().sessionReportRevision.create({
      data: {
        reportId: report.id,
        number: 1,
        submittedByName: "Reporter",
        content: { recommendations: { items: [{ id: "ritem0001", text: "Ask for consent in plain words." }] } },
      },
    });
    await db().document.update({
      where: { id: event.themes[0].document!.id },
      data: {
        state: documentJsonToUpdate({
          type: "doc",
          content: [
            section("s-1", "Rights"),
            citing("m-1", `${session.id}/ritem0001`, "Data must serve people."),
            citing("m-2", session.id, CHINESE),
            message("m-3", ARABIC),
          ],
        }),
      },
    });
    await updateFrontMatter(secretariat, event.id, event.themes[0].id, {
      about: ["How data serves development."],
      sdgs: [9],
      tags: ["Privacy"],
      questions: [{ heading: "Rights", questions: ["How can consent stay meaningful?"] }],
    });
    const published = await publishMilestone(event.id, "FINAL", secretariat, new Date("2026-11-29T17:00:00Z")).catch(async () => {
      await publishMilestone(event.id, "DAY3", secretariat, new Date("2026-11-27T07:00:00Z"));
      await publishMilestone(event.id, "DAY4", secretariat, new Date("2026-11-28T07:00:00Z"));
      return publishMilestone(event.id, "FINAL", secretariat, new Date("2026-11-29T17:00:00Z"));
    });

    const started = performance.now();
    const pdf = (await setBookletFile(event.slug, "final", "pdf", "https://rapporteur.test"))!;
    const elapsed = performance.now() - started;
    expect(pdf.fileName).toBe(`${event.slug}-final.pdf`);
    const proxy = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const { text } = await extractText(proxy, { mergePages: true });
    const order = [
      event.name,
      "Final messages",
      "Contents",
      "Data governance",
      "Rights",
      "1.",
      "Data must serve people.",
      "Drawn from: Workshop on consent: “Ask for consent in plain words.”",
      "2.",
      CHINESE,
      "Drawn from: Workshop on consent",
      "Security",
      "First message.",
      "Annex: Illustrative policy questions",
      "How can consent stay meaningful?",
      "Annex: Sessions",
      "Workshops",
      "Workshop on consent",
      published.setSha256!,
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece, at + 1);
      expect(next, `"${piece}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(text).toContain("SDG 9: Industry, Innovation and Infrastructure");
    const meta = (await proxy.getMetadata()).info as Record<string, string>;
    expect(meta.Title).toBe(`${event.name}: Final messages`);
    expect(meta.Language).toBe("en");
    // Arabic is shaped (extraction returns glyphs in visual order): check its font is embedded and used.
    expect(Buffer.from(pdf.bytes).toString("latin1")).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansArabic/);
    expect(Buffer.from(pdf.bytes).toString("latin1")).toMatch(/\/BaseFont\s*\/[A-Z]{6}\+NotoSansSC/);

    const again = (await setBookletFile(event.slug, "latest", "pdf", "https://elsewhere.test"))!;
    expect(Buffer.compare(Buffer.from(again.bytes), Buffer.from(pdf.bytes))).toBe(0);

    const docx = (await setBookletFile(event.slug, "final", "docx", "https://rapporteur.test"))!;
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(docx.bytes) })).value;
    expect(html).toContain("<h1>Data governance</h1>");
    expect(html).toContain(`<li>${CHINESE}</li>`);
    expect(html).toContain(`<li>${ARABIC}</li>`);
    const docxAgain = (await setBookletFile(event.slug, "final", "docx", "https://rapporteur.test"))!;
    expect(Buffer.compare(Buffer.from(docxAgain.bytes), Buffer.from(docx.bytes))).toBe(0);

    const version = (await versionBookletFile(published.versions[1].versionId, "pdf", "https://rapporteur.test"))!;
    expect(version.fileName).toBe(`${event.slug}-theme-2-final.pdf`);
    const versionText = (await extractText(await getDocumentProxy(new Uint8Array(version.bytes)), { mergePages: true })).text;
    expect(versionText).toContain(published.versions[1].sha256);
    expect(versionText).toContain("How the messages were developed");
    expect(versionText).toContain("Drawn from the week.");
    expect(await versionBookletFile("00000000-0000-4000-8000-000000000000", "pdf", "x")).toBeNull();
    // A stored booklet never changes.
    await expect(db().booklet.deleteMany({})).rejects.toThrow(/booklets are immutable/);
    console.log(`set booklet PDF generated in ${elapsed.toFixed(0)} ms`);
  }, 120_000);
});
