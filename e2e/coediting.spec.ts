import { connectClient, sessionCookie, textOf, until } from "@/server/testing";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { E2E_COLLAB_PORT } from "./support/env";
import { expect, test, typeInFirstMessage, userPage } from "./support/fixtures";

test("two rapporteurs type in the same message and see each other's text and named caret", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const amina = await makeUser(db, { name: "Amina Author" });
  const bruno = await makeUser(db, { name: "Bruno Builder" });
  await addMember(db, amina.id, event.id, "RAPPORTEUR");
  await addMember(db, bruno.id, event.id, "RAPPORTEUR");
  const documentId = event.themes[0].document!.id;

  const a = await userPage(browser, amina.email, TEST_PASSWORD);
  const b = await userPage(browser, bruno.email, TEST_PASSWORD);
  await a.goto(`/workspace/documents/${documentId}`);
  await b.goto(`/workspace/documents/${documentId}`);
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(b.getByTestId("save-state")).toHaveText("Saved");

  await typeInFirstMessage(a, " Alpha words");
  await expect(b.locator(".ProseMirror")).toContainText("First message. Alpha words");
  await typeInFirstMessage(b, " Bravo words");
  await expect(a.locator(".ProseMirror")).toContainText("Alpha words Bravo words");

  // Each sees the other's caret with the other's name, and the list of who is here.
  await expect(b.locator(".collaboration-carets__label", { hasText: "Amina Author" })).toBeAttached();
  await expect(a.locator(".collaboration-carets__label", { hasText: "Bruno Builder" })).toBeAttached();
  await expect(a.getByTestId("presence-list")).toContainText("Bruno Builder");
  await expect(b.getByTestId("presence-list")).toContainText("Amina Author");
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(b.getByTestId("save-state")).toHaveText("Saved");

  // A headless y-websocket client sees the same text and both people.
  const node = connectClient(E2E_COLLAB_PORT, documentId, await sessionCookie(amina, process.env.E2E_SECRET));
  try {
    await until(() => node.provider.synced && textOf(node.doc).includes("Alpha words Bravo words"), "node client has both edits");
    await until(() => {
      const names = [...node.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
      return names.includes("Amina Author") && names.includes("Bruno Builder");
    }, "node client sees both carets");
  } finally {
    node.destroy();
  }
});

test("a participant is refused the live draft, and with the watch setting sees it read-only", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const participant = await makeUser(db);
  await addMember(db, participant.id, event.id, "PARTICIPANT");
  const documentId = event.themes[0].document!.id;
  const page = await userPage(browser, participant.email, TEST_PASSWORD);
  await page.goto(`/workspace/documents/${documentId}`);
  await expect(page.getByTestId("access-refused")).toBeVisible();

  await db.event.update({ where: { id: event.id }, data: { participantsWatchDrafts: true } });
  await page.reload();
  await expect(page.locator(".ProseMirror")).toContainText("First message.");
  await expect(page.getByTestId("editor-toolbar")).toHaveCount(0);
  await expect(page.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  await expect(page.getByText("Participants may watch the live draft but not edit it.")).toBeVisible();
  await page.locator(".ProseMirror p").first().click();
  await page.keyboard.type("participant scribbles");
  await expect(page.locator(".ProseMirror")).not.toContainText("participant scribbles");
  expect(await db.documentUpdate.count({ where: { documentId } })).toBe(0);
});

test("a rapporteur removed while editing is stopped with the reason, and a downgraded one turns read-only", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["One", "Two"] });
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const [removed, downgraded] = [await makeUser(db), await makeUser(db)];
  await addMember(db, removed.id, event.id, "RAPPORTEUR");
  await addMember(db, downgraded.id, event.id, "RAPPORTEUR");
  const url = `/workspace/documents/${event.themes[0].document!.id}`;
  const r = await userPage(browser, removed.email, TEST_PASSWORD);
  const d = await userPage(browser, downgraded.email, TEST_PASSWORD);
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await r.goto(url);
  await d.goto(url);
  await expect(r.getByTestId("save-state")).toHaveText("Saved");
  await expect(d.getByTestId("editor-toolbar")).toBeVisible();

  expect((await admin.request.delete(`/api/events/${event.slug}/members/${removed.id}`)).status()).toBe(200);
  await expect(r.getByTestId("editor-stopped")).toContainText("You no longer have access to this document");
  await expect(r.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");

  const patch = await admin.request.patch(`/api/events/${event.slug}/members/${downgraded.id}`, {
    data: { role: "RAPPORTEUR", themeIds: [event.themes[1].id] },
  });
  expect(patch.status()).toBe(200);
  await expect(d.getByTestId("editor-mode-note")).toContainText("rapporteur for other themes");
  // Announced politely: the note appears inside a live region that was there before.
  await expect(d.getByTestId("rights-status")).toHaveAttribute("aria-live", "polite");
  await expect(d.getByTestId("rights-status")).toContainText("Read-only:");
  await expect(d.getByTestId("editor-toolbar")).toHaveCount(0);
  await expect(d.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
});

test("signing out deletes this browser's offline copies of drafts", async ({ browser, db }) => {
  const event = await makeEvent(db);
  const user = await makeUser(db);
  await addMember(db, user.id, event.id, "RAPPORTEUR");
  const page = await userPage(browser, user.email, TEST_PASSWORD);
  await page.goto(`/workspace/documents/${event.themes[0].document!.id}`);
  await typeInFirstMessage(page, " kept offline too");
  await expect(page.getByTestId("save-state")).toHaveText("Saved");
  const copies = () =>
    page.evaluate(async () => (await indexedDB.databases()).filter((d) => d.name?.startsWith("rapporteur:")).length);
  expect(await copies()).toBe(1);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect(await copies()).toBe(0);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("rapporteur:")).length)).toBe(0);
});
