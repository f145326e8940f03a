import pg from "pg";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { collabNetwork, expect, test, typeInFirstMessage, userPage } from "./support/fixtures";

// These tests cut the collaboration server off or lock the update log for every document: they run alone.

test("'Saving…' while the update log refuses inserts, 'Saved' once the edit is stored", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const user = await makeUser(db);
  await addMember(db, user.id, event.id, "RAPPORTEUR");
  const page = await userPage(browser, user.email, TEST_PASSWORD);
  await page.goto(`/workspace/documents/${event.themes[0].document!.id}`);
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  const locker = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await locker.connect();
  try {
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    await typeInFirstMessage(page, " held back");
    await expect(page.getByTestId("save-state")).toHaveText("Saving…");
    await locker.query("rollback");
    await expect(page.getByTestId("save-state")).toHaveText("Saved");
  } finally {
    await locker.end();
  }
});

test("an edit made while the collaboration server is unreachable survives a reload and reaches the other user after", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db);
  const [amina, bruno] = [await makeUser(db), await makeUser(db)];
  await addMember(db, amina.id, event.id, "RAPPORTEUR");
  await addMember(db, bruno.id, event.id, "RAPPORTEUR");
  const url = `/workspace/documents/${event.themes[0].document!.id}`;
  const a = await userPage(browser, amina.email, TEST_PASSWORD);
  const b = await userPage(browser, bruno.email, TEST_PASSWORD);
  await a.goto(url);
  await b.goto(url);
  await expect(a.getByTestId("save-state")).toHaveText("Saved");

  await collabNetwork("cut");
  try {
    await expect(a.getByTestId("save-state")).toHaveText("Offline");
    await typeInFirstMessage(a, " written on the train");
    await expect(a.getByTestId("save-state")).toHaveText("Offline");
    await a.reload();
    await expect(a.locator(".ProseMirror")).toContainText("written on the train");
    await expect(b.locator(".ProseMirror")).not.toContainText("written on the train");
  } finally {
    await collabNetwork("restore");
  }
  await expect(b.locator(".ProseMirror")).toContainText("First message. written on the train", { timeout: 20_000 });
  await expect(a.getByTestId("save-state")).toHaveText("Saved", { timeout: 20_000 });
});

test("edits that can no longer be saved (access removed while offline) are offered to copy", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  const author = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, author.id, event.id, "RAPPORTEUR");
  const page = await userPage(browser, author.email, TEST_PASSWORD);
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await page.goto(`/workspace/documents/${event.themes[0].document!.id}`);
  await expect(page.getByTestId("save-state")).toHaveText("Saved");

  await collabNetwork("cut");
  try {
    await typeInFirstMessage(page, " words nobody will store");
    await expect(page.getByTestId("save-state")).toHaveText("Offline");
    expect((await admin.request.delete(`/api/events/${event.slug}/members/${author.id}`)).status()).toBe(200);
  } finally {
    await collabNetwork("restore");
  }
  // The upgrade is now refused; the editor finds out why, stops, and hands the text over.
  await expect(page.getByTestId("editor-stopped")).toContainText("no longer have access", { timeout: 20_000 });
  await expect(page.getByTestId("unsaved-text").locator("textarea")).toHaveValue(/words nobody will store/);
  expect(await db.documentUpdate.count({ where: { documentId: event.themes[0].document!.id } })).toBe(0);
});

test("an edit that loses the race to Final disappears from the other editor and is offered to its author to copy", async ({
  browser,
  db,
}) => {
  const { publishMilestone } = await import("@/lib/publishing/publish");
  const event = await makeEvent(db);
  const documentId = event.themes[0].document!.id;
  const [amina, bruno] = [await makeUser(db), await makeUser(db)];
  for (const user of [amina, bruno]) await addMember(db, user.id, event.id, "RAPPORTEUR");
  await publishMilestone(event.id, "DAY3", null, new Date(), db);
  await publishMilestone(event.id, "DAY4", null, new Date(), db);
  const a = await userPage(browser, amina.email, TEST_PASSWORD);
  const b = await userPage(browser, bruno.email, TEST_PASSWORD);
  for (const page of [a, b]) {
    await page.goto(`/workspace/documents/${documentId}`);
    await expect(page.getByTestId("save-state")).toHaveText("Saved");
  }

  const locker = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await locker.connect();
  try {
    // The edit reaches the room and the other editor, but not the update log...
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    await typeInFirstMessage(a, " phantom words");
    await expect(b.locator(".ProseMirror")).toContainText("phantom words");
    // ...before Final is published: the freeze reads the log without it.
    await publishMilestone(event.id, "FINAL", null, new Date(), db);
    await locker.query("rollback");
  } finally {
    await locker.end();
  }

  const final = await db.version.findFirstOrThrow({ where: { documentId, milestone: { kind: "FINAL" } } });
  expect(final.canonicalJson).not.toContain("phantom words");
  // The other editor reloads the published text and no longer shows the refused edit.
  await expect(b.getByTestId("editor-mode-note")).toBeVisible();
  await expect(b.locator(".ProseMirror")).not.toContainText("phantom words");
  await expect(b.getByTestId("unsaved-text")).toHaveCount(0);
  // Its author sees the published text too, with their own words offered to copy.
  await expect(a.locator(".ProseMirror")).not.toContainText("phantom words");
  await expect(a.getByTestId("unsaved-text").getByRole("textbox")).toHaveValue(/phantom words/);
  // A fresh reader gets the Final text.
  await b.reload();
  await expect(b.locator(".ProseMirror")).toBeVisible();
  await expect(b.locator(".ProseMirror")).not.toContainText("phantom words");
});
