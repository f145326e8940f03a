import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";

test("the secretariat publishes Day 3 by hand; Final turns an open editor read-only without a reload", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db, { themes: ["One", "Two"] });
  const secretariat = await makeUser(db);
  const rapporteur = await makeUser(db);
  const participant = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, rapporteur.id, event.id, "RAPPORTEUR");
  await addMember(db, participant.id, event.id, "PARTICIPANT");

  const editor = await userPage(browser, rapporteur.email, TEST_PASSWORD);
  await editor.goto(`/workspace/documents/${event.themes[0].document!.id}`);
  await expect(editor.getByTestId("editor-toolbar")).toBeVisible();

  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await admin.goto(`/workspace/events/${event.slug}`);
  const day3 = admin.getByRole("form", { name: "Day 3 time" });
  admin.once("dialog", async (dialog) => {
    expect(dialog.message()).toContain("• One");
    expect(dialog.message()).toContain("• Two");
    await dialog.accept();
  });
  await day3.getByRole("button", { name: "Publish now" }).click();
  await expect(admin.getByText("Day 3 published.")).toBeVisible();
  await expect(day3.getByText(/^Published /)).toBeVisible();
  expect(await db.version.count({ where: { milestone: { eventId: event.id, kind: "DAY3" } } })).toBe(2);

  const again = await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`);
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toBe("Day 3 is already published.");
  const intruder = await userPage(browser, participant.email, TEST_PASSWORD);
  expect((await intruder.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(403);

  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/final/publish`)).status()).toBe(201);
  await expect(editor.getByTestId("editor-mode-note")).toContainText("this text is final");
  await expect(editor.getByTestId("editor-toolbar")).toHaveCount(0);
  await expect(editor.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
});
