import { documentJsonToUpdate } from "@/lib/documents";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";

test("participants' input arrives live; an amendment is applied while a second rapporteur watches, another rejected; Day 4 has the wording", async ({
  browser,
  db,
}) => {
  test.setTimeout(120_000);
  const event = await makeEvent(db, { themes: ["Data"] });
  const documentId = event.themes[0].document!.id;
  const message = (id: string, text: string) => ({
    type: "message",
    attrs: { messageId: id },
    content: [{ type: "paragraph", content: [{ type: "text", text }] }],
  });
  await db.document.update({
    where: { id: documentId },
    data: {
      state: documentJsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { sectionId: "s-1" }, content: [{ type: "text", text: "Data" }] },
          message("m-1", "Data should serve people."),
          message("m-2", "Second message."),
        ],
      }),
    },
  });
  const person = async (name: string, role: "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT") => {
    const user = await makeUser(db, { name });
    await addMember(db, user.id, event.id, role);
    return user;
  };
  const secretariat = await person("Sami Secretariat", "SECRETARIAT");
  const rapporteur = await person("Rita Rapporteur", "RAPPORTEUR");
  const rapporteur2 = await person("Remo Rapporteur", "RAPPORTEUR");
  const participant = await person("Paula Participant", "PARTICIPANT");
  await publishMilestone(event.id, "DAY3", null, new Date(), db);

  // Two rapporteurs have the draft open.
  const a = await userPage(browser, rapporteur.email, TEST_PASSWORD);
  const b = await userPage(browser, rapporteur2.email, TEST_PASSWORD);
  await a.goto(`/workspace/documents/${documentId}`);
  await b.goto(`/workspace/documents/${documentId}`);
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(a.getByText("No comments yet.")).toBeVisible();

  // A participant comments on the Day 3 version: it appears in the open panel without a reload (no poll that soon).
  const p = await userPage(browser, participant.email, TEST_PASSWORD);
  await p.goto(`/events/${event.slug}/day-3/theme-1`);
  const first = p.getByTestId("threads-m-1");
  await first.getByRole("button", { name: "Comment on this message" }).click();
  await first.getByRole("textbox", { name: "Your comment" }).fill("Who decides what serves people?");
  await first.getByRole("button", { name: "Post comment" }).click();
  await expect(a.getByTestId("comments-panel")).toContainText("Who decides what serves people?", { timeout: 5_000 });

  // New wording for message 1, and a new message after it.
  await first.getByRole("button", { name: "Propose new wording" }).click();
  const wording = p.getByRole("form", { name: "Propose new wording" });
  await expect(wording.getByLabel("Your wording of this message")).toHaveValue("Data should serve people.");
  await wording.getByLabel("Your wording of this message").fill("Data must serve all people.");
  await wording.getByLabel("Why (public, with your name)").fill("“Should” is too weak.");
  await wording.getByRole("button", { name: "Propose" }).click();
  await expect(first.getByTestId("amendment")).toContainText("must");
  await first.getByRole("button", { name: "Propose a new message after this one" }).click();
  const addition = p.getByRole("form", { name: "Propose a new message" });
  await addition.getByLabel("The new message (a blank line between paragraphs)").fill("Data must be kept safe.");
  await addition.getByLabel("Why (public, with your name)").fill("Security is missing.");
  await addition.getByRole("button", { name: "Propose" }).click();
  await expect(first.getByTestId("amendment")).toHaveCount(2);

  // Beside the draft: both amendments, pushed; the wording is applied, and the second rapporteur sees it appear.
  const panel = a.getByTestId("comments-panel");
  await expect(panel.getByTestId("amendment-actions")).toHaveCount(2, { timeout: 5_000 });
  const wordingCard = panel.getByTestId("thread").filter({ hasText: "“Should” is too weak." });
  await expect(wordingCard.getByTestId("amendment-diff").first()).toContainText("must");
  await wordingCard.getByRole("button", { name: "Apply to the draft" }).click();
  await expect(b.locator(".ProseMirror [data-message-id='m-1']")).toContainText("Data must serve all people.");
  await expect(wordingCard.getByTestId("amendment-applied")).toContainText("Applied to the live draft by Rita Rapporteur");
  const additionCard = panel.getByTestId("thread").filter({ hasText: "Security is missing." });
  await additionCard.getByRole("button", { name: "Reject" }).click();
  await additionCard.getByLabel("Why it is not taken up (public)").fill("Message 9 covers security.");
  await additionCard.getByRole("button", { name: "Reject amendment" }).click();
  await expect(additionCard.getByTestId("disposition")).toContainText("Not taken up");
  await expect(a.getByTestId("save-state")).toHaveText("Saved");
  await expect(b.getByTestId("save-state")).toHaveText("Saved");

  // The participant sees both outcomes on the version page, pushed.
  await expect(first.getByTestId("amendment-applied")).toContainText("Applied to the live draft by Rita Rapporteur", {
    timeout: 5_000,
  });
  await expect(first.getByTestId("thread").filter({ hasText: "Security is missing." })).toContainText(
    "Message 9 covers security.",
  );
  await p.goto("/workspace/comments");
  await expect(p.getByTestId("my-amendment")).toHaveCount(2);
  await expect(p.getByTestId("my-comments")).toContainText("Applied to the live draft.");
  await expect(p.getByTestId("my-comments")).toContainText("Not taken up");

  // The disposition report lists the amendments with what was applied.
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  await admin.goto(`/workspace/events/${event.slug}/dispositions`);
  await expect(admin.getByTestId("report-amendment").first()).toContainText("applied: “Data must serve all people.”");

  // The publication notice updates itself when Day 4 is published; Day 4 has the wording, and the comparison shows it.
  await expect(a.getByTestId("publication-notice")).toContainText("v1 (Day 3 draft)");
  expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-4/publish`)).status()).toBe(201);
  await expect(a.getByTestId("publication-notice")).toContainText("v2 (Day 4 draft)", { timeout: 5_000 });
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/events/${event.slug}/day-4/theme-1`);
  await expect(reader.locator("[data-message-id='m-1'] .message-text")).toHaveText("Data must serve all people.");
  await reader.goto(`/events/${event.slug}/compare/theme-1?from=day-3&to=day-4`);
  await expect(reader.getByTestId("change-m-1")).toContainText("Changed");
  await expect(reader.getByTestId("change-m-1").locator("ins")).toHaveText(["must", "all "]);
});

test("every comment and amendment route refuses a body that does not fit its schema, and changes nothing", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db);
  const documentId = event.themes[0].document!.id;
  const rapporteur = await makeUser(db);
  await addMember(db, rapporteur.id, event.id, "RAPPORTEUR");
  const { versions } = await publishMilestone(event.id, "DAY3", null, new Date(), db);
  const versionId = versions[0].versionId;
  const page = await userPage(browser, rapporteur.email, TEST_PASSWORD);
  const made = await page.request.post(`/api/versions/${versionId}/threads`, { data: { messageId: "m-1", body: "A comment." } });
  expect(made.status()).toBe(201);
  const thread = (await made.json()).thread as { id: string };
  const comment = await db.comment.findFirstOrThrow({ where: { threadId: thread.id } });
  const before = JSON.stringify(await db.commentThread.findMany({ where: { documentId }, include: { comments: true } }));
  const bad: [string, string, unknown][] = [
    ["POST", `/api/versions/${versionId}/threads`, { messageId: "m-1", body: "x", extra: true }],
    ["POST", `/api/versions/${versionId}/amendments`, { messageId: "m-1", text: 42, reason: "x" }],
    ["POST", `/api/documents/${documentId}/threads`, { messageId: "m-1", anchor: { start: "!!", end: "AA==" }, body: "x" }],
    ["POST", `/api/threads/${thread.id}/comments`, { body: "" }],
    ["PATCH", `/api/threads/${thread.id}`, { resolved: "yes" }],
    ["PUT", `/api/threads/${thread.id}/disposition`, { disposition: "MAYBE" }],
    ["POST", `/api/threads/${thread.id}/apply`, { text: "" }],
    ["POST", `/api/threads/${thread.id}/reject`, {}],
    ["PATCH", `/api/comments/${comment.id}`, { body: 7 }],
    ["PUT", `/api/comments/${comment.id}/hidden`, { hidden: 1 }],
  ];
  for (const [method, url, data] of bad) {
    const response = await page.request.fetch(url, { method, data });
    expect(response.status(), `${method} ${url}`).toBe(400);
    expect((await response.json()).code, `${method} ${url}`).toBe("invalid");
  }
  expect(JSON.stringify(await db.commentThread.findMany({ where: { documentId }, include: { comments: true } }))).toBe(before);
});

/** Reads a server-sent-event stream with the page's cookies; resolves the events seen and whether the server ended it. */
async function openStream(page: import("@playwright/test").Page, path: string) {
  const { E2E_BASE_URL } = await import("./support/env");
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const controller = new AbortController();
  const response = await fetch(new URL(path, E2E_BASE_URL), {
    headers: { cookie, origin: E2E_BASE_URL },
    signal: controller.signal,
  });
  const events: string[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const line of decoder.decode(value).split("\n")) if (line.startsWith("event: ")) events.push(line.slice(7));
      }
      ended = true;
    } catch {
      /* aborted */
    }
  })();
  return { status: response.status, events, ended: () => ended, close: () => controller.abort(), reading };
}

test("live streams: a version page hears only its own threads; a draft's stream ends when its viewer loses access", async ({
  browser,
  db,
}) => {
  const event = await makeEvent(db);
  const documentId = event.themes[0].document!.id;
  const secretariat = await makeUser(db);
  const rapporteur = await makeUser(db);
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, rapporteur.id, event.id, "RAPPORTEUR");
  const { versions } = await publishMilestone(event.id, "DAY3", null, new Date(), db);
  const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
  const r = await userPage(browser, rapporteur.email, TEST_PASSWORD);
  const anonymous = await (await browser.newContext()).newPage();

  expect((await openStream(anonymous, `/api/live?document=${documentId}`)).status).toBe(401);
  const publicStream = await openStream(anonymous, `/api/live?version=${versions[0].versionId}`);
  const draftStream = await openStream(r, `/api/live?document=${documentId}`);
  expect([publicStream.status, draftStream.status]).toEqual([200, 200]);

  // A thread on the live draft: the rapporteur's stream hears it, the public version page does not.
  expect(
    (
      await admin.request.post(`/api/documents/${documentId}/threads`, { data: { messageId: "m-1", body: "Draft only." } })
    ).status(),
  ).toBe(201);
  await expect.poll(() => draftStream.events.includes("comments")).toBe(true);
  expect(publicStream.events.filter((e) => e === "comments")).toEqual([]);
  // A thread on the version: both hear it.
  expect(
    (
      await admin.request.post(`/api/versions/${versions[0].versionId}/threads`, { data: { messageId: "m-1", body: "Public." } })
    ).status(),
  ).toBe(201);
  await expect.poll(() => publicStream.events.filter((e) => e === "comments").length).toBe(1);

  // The rapporteur is removed from the event: their draft stream ends.
  expect((await admin.request.delete(`/api/events/${event.slug}/members/${rapporteur.id}`)).status()).toBe(200);
  await expect.poll(() => draftStream.ended(), { timeout: 10_000 }).toBe(true);
  expect(publicStream.ended()).toBe(false);
  publicStream.close();

  // The secretariat member signs out everywhere: their own draft stream ends with the session.
  const adminStream = await openStream(admin, `/api/live?document=${documentId}`);
  expect(adminStream.status).toBe(200);
  expect((await admin.request.post("/api/account/sign-out-everywhere")).status()).toBe(200);
  await expect.poll(() => adminStream.ended(), { timeout: 10_000 }).toBe(true);
});
