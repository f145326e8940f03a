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
  await expect(editor.getByTestId("save-state")).toHaveText("Saved");

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
  // No green "Saved" on a text nobody can change any more: it says what it is.
  await expect(editor.getByTestId("save-state")).toHaveText("Final: read-only");
  await expect(editor.getByTestId("save-state")).not.toHaveClass(/success/);
  // Opened afresh, it says so at once.
  await editor.reload();
  await expect(editor.getByTestId("save-state")).toHaveText("Final: read-only");
  await expect(editor.getByTestId("editor-toolbar")).toHaveCount(0);
  await expect(editor.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
});

test("an anonymous reader opens the published version, downloads it and checks its hash", async ({ browser, db }) => {
  const { createHash } = await import("node:crypto");
  const event = await makeEvent(db, { themes: ["Security"] });
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}`);
  await reader.getByTestId("theme-theme-1").getByRole("link", { name: "Day 3 draft" }).click();
  await expect(reader).toHaveURL(new RegExp(`/events/${event.slug}/day-3/theme-1$`));
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Security");
  await expect(reader.getByTestId("version-meta")).toContainText("Day 3 draft · version 1");
  await expect(reader.getByText("First message.")).toBeVisible();
  const hash = await reader.getByTestId("version-hash").innerText();

  const json = await reader.request.get(
    await reader
      .getByRole("link", { name: "JSON" })
      .getAttribute("href")
      .then((h) => h!),
  );
  expect(json.headers()["access-control-allow-origin"]).toBe("*");
  expect(json.headers()["cache-control"]).toContain("immutable");
  expect(
    createHash("sha256")
      .update(await json.body())
      .digest("hex"),
  ).toBe(hash);
  const markdown = await (
    await reader.request.get(
      await reader
        .getByRole("link", { name: "Markdown" })
        .getAttribute("href")
        .then((h) => h!),
    )
  ).text();
  expect(markdown).toContain("## First section\n\n1. First message\\.");

  const list = await reader.request.get(`/api/public/events/${event.slug}/versions`);
  expect(list.headers()["access-control-allow-origin"]).toBe("*");
  expect((await list.json()).versions).toMatchObject([{ theme: "theme-1", milestone: "day-3", number: 1, sha256: hash }]);
  await reader.goto(`/events/${event.slug}/latest/theme-1`);
  await expect(reader.getByTestId("version-hash")).toHaveText(hash);

  // Reads well on a phone: nothing wider than the screen.
  await reader.setViewportSize({ width: 375, height: 740 });
  for (const path of [`/events/${event.slug}`, `/events/${event.slug}/day-3/theme-1`]) {
    await reader.goto(path);
    expect(await reader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  }
  expect((await reader.request.get(`/events/${event.slug}/day-4/theme-1`)).status()).toBe(404);
});

test("a reader compares Day 3 with Day 4 and sees exactly what changed", async ({ browser, db }) => {
  const Y = await import("yjs");
  const { connectClient, sessionCookie, until } = await import("@/server/testing");
  const { E2E_COLLAB_PORT } = await import("./support/env");
  const event = await makeEvent(db);
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);

  // A rapporteur's edits between the two publications, through the collaboration server.
  const client = connectClient(
    E2E_COLLAB_PORT,
    event.themes[0].document!.id,
    await sessionCookie(secretariat, process.env.E2E_SECRET),
  );
  try {
    await until(() => client.provider.synced, "synced");
    const fragment = client.doc.getXmlFragment("default");
    const message = fragment.get(2) as InstanceType<typeof Y.XmlElement>;
    const text = (message.get(0) as InstanceType<typeof Y.XmlElement>).get(0) as InstanceType<typeof Y.XmlText>;
    text.insert("First message".length, ", revised");
    const added = new Y.XmlElement("message");
    added.setAttribute("messageId", "m-added");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("A brand new message.")]);
    added.insert(0, [paragraph]);
    fragment.push([added]);
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0;
    await until(() => (client.stored.get(client.doc.clientID) ?? 0) >= mine(), "edits stored");
  } finally {
    client.destroy();
  }
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}`);
  await reader.getByRole("link", { name: "compare versions" }).click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Theme one: Day 3 draft → Day 4 draft");
  await expect(reader.getByTestId("compare-summary")).toHaveText("1 added · 0 removed · 1 changed · 0 moved · 0 unchanged");
  await expect(reader.getByTestId("change-m-1").locator("ins")).toHaveText(", revised");
  await expect(reader.getByTestId("change-m-added")).toContainText("Added");
  await expect(reader.getByTestId("change-m-added")).toContainText("A brand new message.");
});

test("a version of a theme archived after publication stays at its address, listed under archived themes", async ({
  page,
  browser,
  db,
}) => {
  const { publishMilestone } = await import("@/lib/publishing/publish");
  const event = await makeEvent(db, { themes: ["Kept theme", "Retired theme"] });
  const secretariat = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await publishMilestone(event.id, "DAY3", secretariat, new Date(), db);
  const retired = event.themes[1];
  // The secretariat archives the theme through the API.
  const office = await userPage(browser, secretariat.email, TEST_PASSWORD);
  expect((await office.request.delete(`/api/events/${event.slug}/themes/${retired.id}`)).ok()).toBe(true);
  expect((await db.theme.findUniqueOrThrow({ where: { id: retired.id } })).archived).toBe(true);

  await page.goto(`/events/${event.slug}`);
  const archived = page.getByTestId("archived-themes");
  await expect(archived.getByRole("heading", { name: "Archived themes" })).toBeVisible();
  await expect(archived.getByRole("heading", { name: "Retired theme" })).toBeVisible();
  await expect(page.getByTestId(`theme-${event.themes[0].slug}`).first()).toBeVisible();
  await archived.getByRole("link", { name: "Day 3 draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${event.slug}/day-3/${retired.slug}$`));
  await expect(page.getByRole("heading", { name: "Retired theme" })).toBeVisible();
  await expect(page.getByText("This theme is archived: its versions stay as published, and take no new comments.")).toBeVisible();
});
