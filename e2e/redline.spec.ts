import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { documentJsonToUpdate } from "@/lib/documents";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";

const draft = (first: string, second: string) => ({
  type: "doc",
  content: [
    { type: "heading", attrs: { sectionId: "s-1" }, content: [{ type: "text", text: "Trust" }] },
    { type: "message", attrs: { messageId: "m-1" }, content: [{ type: "paragraph", content: [{ type: "text", text: first }] }] },
    { type: "message", attrs: { messageId: "m-2" }, content: [{ type: "paragraph", content: [{ type: "text", text: second }] }] },
  ],
});

test("a reader downloads Day 3 → Day 4 as a Word redline: tracked insertions and deletions with the publisher and date", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const documentId = event.themes[0].document!.id;
  const write = (first: string, second: string) =>
    db.document.update({ where: { id: documentId }, data: { state: documentJsonToUpdate(draft(first, second) as never) } });
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await write("Data should serve people.", "Keep encryption strong.");
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);
  await write("Data must serve all people.", "Keep encryption strong.");
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);

  const reader = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await reader.goto(`/events/${event.slug}/compare/theme-1`);
  const [download] = await Promise.all([
    reader.waitForEvent("download"),
    reader.getByRole("link", { name: "Download the changes for Word (tracked changes)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${event.slug}-theme-1-day-3-to-day-4-changes.docx`);
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const xml = await zip.file("word/document.xml")!.async("string");
  const inserted = [...xml.matchAll(/<w:ins ([^>]*)>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g)];
  const deleted = [...xml.matchAll(/<w:del ([^>]*)>[\s\S]*?<w:delText[^>]*>([^<]*)<\/w:delText>/g)];
  expect(inserted.map((m) => m[2].trim())).toEqual(["must", "all"]);
  expect(deleted.map((m) => m[2].trim())).toEqual(["should"]);
  for (const [, attributes] of [...inserted, ...deleted]) {
    expect(attributes).toContain(`w:author="${secretariat.name}"`);
    expect(attributes).toMatch(/w:date="\d{4}-\d\d-\d\dT/);
  }
  // The unchanged message is plain text.
  expect(xml).toContain("Keep encryption strong.");
});
