/**
 * The redline: a comparison of two published versions as a Word document
 * with tracked changes, read back from its XML. Accepting every change gives
 * the newer version's messages and rejecting every change the older one's.
 */
import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import * as redlineRoute from "@/app/api/public/events/[event]/compare/[theme]/redline/route";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { publishMilestone } from "./publish";
import { redlineComparison, redlineDocx } from "./redline";

const message = (id: string, ...paragraphs: string[]) => ({
  type: "message",
  attrs: { messageId: id },
  content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
});
const draft = (...messages: ReturnType<typeof message>[]) => ({
  type: "doc",
  content: [{ type: "heading", attrs: { sectionId: "s-1" }, content: [{ type: "text", text: "Trust" }] }, ...messages],
});

async function twoVersions() {
  const event = await makeEvent(db(), { themes: ["Security"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const documentId = event.themes[0].document!.id;
  const write = (doc: unknown) =>
    db().document.update({ where: { id: documentId }, data: { state: documentJsonToUpdate(doc as never) } });
  await write(
    draft(
      message("m-1", "Data should serve people."),
      message("m-2", "Encryption keeps people safe."),
      message("m-3", "A message that goes."),
    ),
  );
  await publishMilestone(event.id, "DAY3", secretariat, new Date("2019-11-27T08:00:00Z"));
  await write(
    draft(
      message("m-1", "Data must serve all people."),
      message("m-2", "Encryption keeps people safe.", "Weakening it harms everyone."),
      message("m-4", "A new message."),
    ),
  );
  await publishMilestone(event.id, "DAY4", secretariat, new Date("2019-11-28T08:00:00Z"));
  return { event, secretariat, theme: event.themes[0].slug };
}

/** The paragraphs' text as Word shows it once every change is accepted (or rejected). */
function textAfter(xml: string, decision: "accept" | "reject"): string[] {
  const body = xml.slice(xml.indexOf("<w:body>"), xml.indexOf("</w:body>"));
  const resolved =
    decision === "accept"
      ? body.replace(/<w:del [^>]*>[\s\S]*?<\/w:del>/g, "")
      : body.replace(/<w:ins [^>]*>[\s\S]*?<\/w:ins>/g, "").replace(/w:delText/g, "w:t");
  return [...resolved.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[0] === "<w:br/>" ? "\n" : m[1])).join(""),
  );
}

describe("the redline of two versions", () => {
  it("holds real tracked changes with the publisher and date: accepting all gives the newer text, rejecting all the older", async () => {
    const { event, secretariat, theme } = await twoVersions();
    const comparison = (await redlineComparison(event.slug, theme, { from: "day-3", to: "day-4" }))!;
    const bytes = await redlineDocx(comparison);
    const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
    expect(await (await JSZip.loadAsync(bytes)).file("word/settings.xml")!.async("string")).toContain("<w:trackRevisions/>");

    const insertions = [...xml.matchAll(/<w:ins ([^>]*)>([\s\S]*?)<\/w:ins>/g)];
    const deletions = [...xml.matchAll(/<w:del ([^>]*)>([\s\S]*?)<\/w:del>/g)];
    expect(insertions.length).toBeGreaterThan(0);
    expect(deletions.length).toBeGreaterThan(0);
    for (const [, attributes] of [...insertions, ...deletions]) {
      expect(attributes).toContain(`w:author="${secretariat.name}"`);
      expect(attributes).toContain('w:date="2019-11-28T08:00:00');
    }
    const ids = [...insertions, ...deletions].map(([, attributes]) => attributes.match(/w:id="(\d+)"/)![1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(insertions.map(([, , inner]) => inner).join("")).toContain(">must</w:t>");
    expect(deletions.map(([, , inner]) => inner).join("")).toMatch(/<w:delText[^>]*>should<\/w:delText>/);

    const accepted = textAfter(xml, "accept");
    expect(accepted).toContain("1. Data must serve all people.");
    expect(accepted).toContain("2. Encryption keeps people safe.\nWeakening it harms everyone.");
    expect(accepted).toContain("3. A new message.");
    expect(accepted.join("\n")).not.toContain("A message that goes.");
    const rejected = textAfter(xml, "reject");
    expect(rejected).toContain("1. Data should serve people.");
    expect(rejected).toContain("2. Encryption keeps people safe.");
    expect(rejected).toContain("3. A message that goes.");
    expect(rejected.join("\n")).not.toContain("A new message.");

    // Word's own reader sees the document (mammoth shows insertions and skips deletions).
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(value).toContain("Trust");
    expect(value).toContain("Data must serve all people.");
  });

  it("downloads from the public API with its file name and CORS; a wrong milestone is 400, a missing theme 404", async () => {
    const { event, theme } = await twoVersions();
    const call = (path: string, params: Record<string, string>) =>
      redlineRoute.GET(new Request(`http://localhost${path}`), {
        params: Promise.resolve(params as { event: string; theme: string }),
      });
    const response = await call(`/api/public/events/${event.slug}/compare/${theme}/redline?from=day-3&to=day-4`, {
      event: event.slug,
      theme,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("wordprocessingml");
    expect(response.headers.get("content-disposition")).toContain(`${event.slug}-${theme}-day-3-to-day-4-changes.docx`);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect((await JSZip.loadAsync(await response.arrayBuffer())).file("word/document.xml")).not.toBeNull();
    const bad = await call(`/api/public/events/${event.slug}/compare/${theme}/redline?from=Day%203`, {
      event: event.slug,
      theme,
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe("invalid");
    const missing = await call(`/api/public/events/${event.slug}/compare/nowhere/redline`, {
      event: event.slug,
      theme: "nowhere",
    });
    expect(missing.status).toBe(404);
  });
});
