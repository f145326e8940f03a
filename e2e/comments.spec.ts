import type { Page } from "@playwright/test";
import { documentJsonToUpdate } from "@/lib/documents";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { expect, test, userPage } from "./support/fixtures";
import type { Db } from "@/lib/db";

const SENTENCE = "Protect the data and share the data.";

/** An event whose theme document has two messages, its members, and Day 3 published. */
async function commentedEvent(db: Db) {
  const event = await makeEvent(db);
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
          { type: "heading", attrs: { level: 2, sectionId: "s-1" }, content: [{ type: "text", text: "Data" }] },
          message("m-1", SENTENCE),
          message("m-2", "Second message about inclusion."),
        ],
      }),
    },
  });
  const person = async (name: string, role: "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT") => {
    const user = await makeUser(db, { name });
    await addMember(db, user.id, event.id, role);
    return user;
  };
  const people = {
    secretariat: await person("Sami Secretariat", "SECRETARIAT"),
    rapporteur: await person("Rita Rapporteur", "RAPPORTEUR"),
    rapporteur2: await person("Remo Rapporteur", "RAPPORTEUR"),
    participant: await person("Paula Participant", "PARTICIPANT"),
  };
  const { versions } = await publishMilestone(event.id, "DAY3", null, new Date(), db);
  const versionId = versions.find((v) => v.documentId === documentId)!.versionId;
  return { event, documentId, versionId, versionUrl: `/events/${event.slug}/day-3/${event.themes[0].slug}`, ...people };
}

/**
 * Selects the n-th occurrence (from the end when negative) of a phrase inside
 * a message, in the editor or on a version page, as a user dragging would.
 */
async function selectPhrase(page: Page, scope: string, messageId: string, phrase: string, occurrence: "first" | "last") {
  await page.evaluate(
    ({ scope, messageId, phrase, occurrence }) => {
      const root = document.querySelector(`${scope} [data-message-id="${messageId}"]`)!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) =>
          n.parentElement?.closest(".collaboration-carets__caret, .number, .message-threads")
            ? NodeFilter.FILTER_REJECT
            : NodeFilter.FILTER_ACCEPT,
      });
      const nodes: Text[] = [];
      while (walker.nextNode()) nodes.push(walker.currentNode as Text);
      const whole = nodes.map((n) => n.data).join("");
      const at = occurrence === "first" ? whole.indexOf(phrase) : whole.lastIndexOf(phrase);
      const point = (offset: number): [Text, number] => {
        let seen = 0;
        for (const n of nodes) {
          if (offset <= seen + n.data.length) return [n, offset - seen];
          seen += n.data.length;
        }
        throw new Error("offset outside the message");
      };
      const [startNode, startOffset] = point(at);
      const [endNode, endOffset] = point(at + phrase.length);
      document.getSelection()!.setBaseAndExtent(startNode, startOffset, endNode, endOffset);
    },
    { scope, messageId, phrase, occurrence },
  );
}

/** A message's text in an editor, without the other people's caret labels. */
const draftText = (page: Page, messageId: string) =>
  page.locator(`.ProseMirror [data-message-id="${messageId}"]`).evaluate((element) => {
    const copy = element.cloneNode(true) as Element;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((caret) => caret.remove());
    return copy.textContent;
  });

/** The highlighted words of live-draft threads in an editor. */
const highlighted = (page: Page) =>
  page.locator(".ProseMirror .comment-anchor").evaluateAll((spans) => spans.map((s) => s.textContent).join(""));

test("a participant's comment reaches the live draft, gets a disposition, and live threads stay on their words", async ({
  browser,
  db,
}) => {
  const s = await commentedEvent(db);

  // The participant comments on the second "the data" of the latest version.
  const participant = await userPage(browser, s.participant.email, TEST_PASSWORD);
  await participant.goto(s.versionUrl);
  await expect(participant.getByTestId("commenting-note")).toContainText("Your name and comment will be public");
  await selectPhrase(participant, ".document-view", "m-1", "the data", "last");
  const threads = participant.getByTestId("threads-m-1");
  await threads.getByRole("button", { name: "Comment on “the data”" }).click();
  await expect(threads).toContainText("Your name and comment will be public.");
  await threads.getByRole("textbox", { name: "Your comment" }).fill("Say whose data <b>exactly</b>.");
  await threads.getByRole("button", { name: "Post comment" }).click();
  await expect(threads.getByTestId("thread-quote")).toHaveText("the data");
  // HTML in a comment is shown as the text it is.
  await expect(threads.getByTestId("comment")).toContainText("Say whose data <b>exactly</b>.");
  await expect(threads.locator(".comment-body b")).toHaveCount(0);
  // The quoted words are marked in the version's text: the second "the data", not the first.
  const marked = () =>
    participant.evaluate(() => {
      const highlight = CSS.highlights.get("comment-quotes");
      const ranges = highlight ? ([...highlight] as Range[]) : [];
      return ranges.map((r) => [r.toString(), r.startOffset]);
    });
  await expect.poll(marked).toEqual([["the data", 27]]);
  const [stored] = await db.commentThread.findMany({ where: { versionId: s.versionId } });
  expect(stored).toMatchObject({ messageId: "m-1", startOffset: 27, endOffset: 35, quote: "the data" });

  // Anonymous readers see it too, and are asked to sign in to comment.
  const anonymous = await browser.newPage();
  await anonymous.goto(s.versionUrl);
  await expect(anonymous.getByTestId("threads-m-1")).toContainText("Say whose data");
  await expect(anonymous.getByTestId("commenting-note")).toContainText("Sign in to comment.");

  // The rapporteur sees it beside that message of the live draft, edits the message, marks it incorporated.
  const rapporteur = await userPage(browser, s.rapporteur.email, TEST_PASSWORD);
  await rapporteur.goto(`/workspace/documents/${s.documentId}`);
  await expect(rapporteur.getByTestId("save-state")).toHaveText("Saved");
  const beside = rapporteur.getByTestId("panel-message-m-1");
  await expect(beside.getByTestId("input-source")).toContainText("Participant input on v1 (Day 3 draft)");
  await expect(beside).toContainText("Say whose data <b>exactly</b>.");
  await expect(beside.getByTestId("message-changed")).toHaveCount(0);
  const paragraph = rapporteur.locator('.ProseMirror [data-message-id="m-1"] p').first();
  await paragraph.click();
  await rapporteur.keyboard.press("End");
  await rapporteur.keyboard.type(" Citizens own their data.");
  await expect(beside.getByTestId("message-changed")).toBeVisible();
  await beside.getByText("Set disposition").click();
  await beside.getByRole("combobox", { name: "Disposition" }).selectOption("INCORPORATED");
  await beside.getByRole("textbox", { name: "Public reply (optional)" }).fill("Added to message 1.");
  await beside.getByRole("button", { name: "Save disposition" }).click();
  await expect(beside.getByTestId("disposition")).toContainText("Incorporated");

  // The participant sees the disposition on the version page and in "my comments".
  await participant.reload();
  await expect(threads.getByTestId("disposition")).toContainText("Incorporated");
  await expect(threads.getByTestId("disposition")).toContainText("Added to message 1.");
  await participant.goto("/workspace/comments");
  await expect(participant.getByTestId("my-comments")).toContainText("Incorporated");
  await expect(participant.getByTestId("my-comments")).toContainText("Added to message 1.");

  // Meanwhile on the live draft: the rapporteur comments on the second "the data"…
  await paragraph.click();
  await selectPhrase(rapporteur, ".ProseMirror", "m-1", "the data", "last");
  await rapporteur.getByTestId("comments-panel").getByRole("button", { name: "Comment", exact: true }).click();
  await rapporteur.getByRole("textbox", { name: "New comment on the draft" }).fill("Is this the same data?");
  await rapporteur.getByRole("button", { name: "Post comment" }).click();
  await expect(rapporteur.getByTestId("comments-panel")).toContainText("Is this the same data?");
  await expect.poll(() => highlighted(rapporteur)).toBe("the data");

  // …and a second rapporteur types before the commented words: the highlight stays on them, for both.
  const second = await userPage(browser, s.rapporteur2.email, TEST_PASSWORD);
  await second.goto(`/workspace/documents/${s.documentId}`);
  await expect(second.getByTestId("save-state")).toHaveText("Saved");
  await expect.poll(() => highlighted(second)).toBe("the data");
  const secondParagraph = second.locator('.ProseMirror [data-message-id="m-1"] p').first();
  await secondParagraph.click();
  await second.keyboard.press("Home");
  await second.keyboard.type("Indeed, ");
  await selectPhrase(second, ".ProseMirror", "m-1", "share", "first");
  await second.keyboard.type("give away");
  await expect
    .poll(() => draftText(rapporteur, "m-1"))
    .toBe("Indeed, Protect the data and give away the data. Citizens own their data.");
  await expect.poll(() => highlighted(rapporteur)).toBe("the data");
  await expect.poll(() => highlighted(second)).toBe("the data");
  await expect(second.getByTestId("save-state")).toHaveText("Saved");
  await rapporteur.reload();
  await expect.poll(() => highlighted(rapporteur)).toBe("the data");
});

test("participants cannot comment on the live draft, change others' comments or set dispositions through the API", async ({
  browser,
  db,
  playwright,
}) => {
  const s = await commentedEvent(db);
  const rapporteur = await userPage(browser, s.rapporteur.email, TEST_PASSWORD);
  const participant = await userPage(browser, s.participant.email, TEST_PASSWORD);
  const json = (data: unknown) => ({ data, headers: { "content-type": "application/json" } });

  const created = await rapporteur.request.post(
    `/api/versions/${s.versionId}/threads`,
    json({ messageId: "m-2", body: "Rapporteur note" }),
  );
  expect(created.status()).toBe(201);
  const threadId = (await created.json()).thread.id as string;
  const [comment] = await db.comment.findMany({ where: { threadId } });

  const attempts = [
    participant.request.post(`/api/documents/${s.documentId}/threads`, json({ messageId: "m-1", body: "On the draft" })),
    participant.request.patch(`/api/comments/${comment.id}`, json({ body: "Changed by the participant" })),
    participant.request.delete(`/api/comments/${comment.id}`),
    participant.request.put(`/api/threads/${threadId}/disposition`, json({ disposition: "OUT_OF_SCOPE" })),
    participant.request.put(`/api/comments/${comment.id}/hidden`, json({ hidden: true })),
  ];
  for (const response of await Promise.all(attempts)) {
    expect(response.status(), await response.text()).toBe(403);
    expect((await response.json()).error).toMatch(/\w/);
  }
  const anonymous = await playwright.request.newContext({ baseURL: rapporteur.url().replace(/\/workspace.*$/, "") });
  const noSession = await anonymous.post(`/api/versions/${s.versionId}/threads`, json({ messageId: "m-1", body: "Hi" }));
  expect(noSession.status()).toBe(401);
  const badBody = await participant.request.post(`/api/versions/${s.versionId}/threads`, json({ messageId: "m-1", body: "" }));
  expect(badBody.status()).toBe(400);
  expect((await badBody.json()).error).toContain("empty");
  await anonymous.dispose();

  expect(await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
    body: "Rapporteur note",
    deletedAt: null,
    hiddenAt: null,
  });
  expect(await db.commentThread.findUniqueOrThrow({ where: { id: threadId } })).toMatchObject({ disposition: "PENDING" });
  expect(await db.commentThread.count({ where: { documentId: s.documentId, versionId: null } })).toBe(0);

  // The secretariat hides an abusive comment in the UI: gone from the public page, logged in the audit log.
  const abusive = await participant.request.post(
    `/api/versions/${s.versionId}/threads`,
    json({ messageId: "m-2", body: "Something abusive" }),
  );
  expect(abusive.status()).toBe(201);
  const secretariat = await userPage(browser, s.secretariat.email, TEST_PASSWORD);
  await secretariat.goto(s.versionUrl);
  const abusiveComment = secretariat.getByTestId("comment").filter({ hasText: "Something abusive" });
  await abusiveComment.getByRole("button", { name: "Hide" }).click();
  await expect(abusiveComment).toContainText("hidden by Sami Secretariat");
  const publicPage = await browser.newPage();
  await publicPage.goto(s.versionUrl);
  await expect(publicPage.getByTestId("threads-m-2")).toContainText("Rapporteur note");
  await expect(publicPage.getByTestId("threads-m-2")).not.toContainText("Something abusive");
  await secretariat.goto(`/workspace/events/${s.event.slug}/audit`);
  await expect(secretariat.locator("body")).toContainText("comment.hide");
});

test("rapporteurs see new comments on their themes; the secretariat reads and downloads the disposition report", async ({
  browser,
  db,
}) => {
  const s = await commentedEvent(db);
  const participant = await userPage(browser, s.participant.email, TEST_PASSWORD);
  const json = (data: unknown) => ({ data, headers: { "content-type": "application/json" } });
  for (const body of ["=SUM(A1:A9) looks like a formula", "Please name the data holders, e.g. cities."]) {
    const response = await participant.request.post(`/api/versions/${s.versionId}/threads`, json({ messageId: "m-1", body }));
    expect(response.status()).toBe(201);
  }
  const theme = s.event.themes[0].slug;

  const rapporteur = await userPage(browser, s.rapporteur.email, TEST_PASSWORD);
  await expect(rapporteur.getByTestId(`new-comments-${theme}`)).toHaveText("2 new comments");
  // Fetching the draft page changes nothing (no GET changes state)...
  expect((await rapporteur.request.get(`/workspace/documents/${s.documentId}`)).status()).toBe(200);
  await rapporteur.reload();
  await expect(rapporteur.getByTestId(`new-comments-${theme}`)).toHaveText("2 new comments");
  // ...the comment panel, once it has shown them, says so with a POST.
  const seen = rapporteur.waitForResponse((r) => r.url().endsWith(`/api/documents/${s.documentId}/threads/seen`));
  await rapporteur.goto(`/workspace/documents/${s.documentId}`);
  await expect(rapporteur.getByTestId("comments-panel").getByTestId("thread")).toHaveCount(2);
  expect((await seen).status()).toBe(204);
  await rapporteur.goto("/workspace");
  await expect(rapporteur.getByRole("link", { name: s.event.themes[0].title })).toBeVisible();
  await expect(rapporteur.getByTestId(`new-comments-${theme}`)).toHaveCount(0);

  const secretariat = await userPage(browser, s.secretariat.email, TEST_PASSWORD);
  await secretariat.goto(`/workspace/events/${s.event.slug}`);
  await secretariat.getByRole("link", { name: "Disposition report" }).click();
  const table = secretariat.getByTestId("report-table");
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table).toContainText("Please name the data holders, e.g. cities.");
  await expect(table).toContainText("Pending");
  const [download] = await Promise.all([
    secretariat.waitForEvent("download"),
    secretariat.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${s.event.slug}-all-themes-dispositions.csv`);
  const { readFile } = await import("node:fs/promises");
  const csv = await readFile(await download.path(), "utf8");
  expect(csv).toContain(`'=SUM(A1:A9) looks like a formula`);
  expect(csv).toContain(`"Please name the data holders, e.g. cities."`);

  // Participants have no report.
  const refused = await participant.request.get(`/api/events/${s.event.slug}/dispositions?format=csv`);
  expect(refused.status()).toBe(403);
});

test("a participant edits, resolves and deletes their own comment; a thread with replies keeps a placeholder", async ({
  browser,
  db,
}) => {
  const s = await commentedEvent(db);
  const participant = await userPage(browser, s.participant.email, TEST_PASSWORD);
  await participant.goto(s.versionUrl);
  const threads = participant.getByTestId("threads-m-2");
  await threads.getByRole("button", { name: "Comment on this message" }).click();
  await threads.getByRole("textbox", { name: "Your comment" }).fill("Frist thought");
  await threads.getByRole("textbox", { name: "Your comment" }).press("Control+Enter");
  const comment = threads.getByTestId("comment").first();
  await expect(comment).toContainText("Frist thought");
  await comment.getByRole("button", { name: "Edit" }).click();
  await comment.getByRole("textbox", { name: "Edit your comment" }).fill("First thought");
  await comment.getByRole("button", { name: "Save" }).click();
  await expect(comment).toContainText("First thought");
  await expect(comment).toContainText("edited");
  const [stored] = await db.comment.findMany({ where: { thread: { versionId: s.versionId } } });
  expect(stored).toMatchObject({ body: "First thought", history: ["Frist thought"] });

  const rapporteur = await userPage(browser, s.rapporteur.email, TEST_PASSWORD);
  await rapporteur.goto(s.versionUrl);
  await rapporteur.getByTestId("threads-m-2").getByRole("button", { name: "Reply" }).click();
  await rapporteur.getByRole("textbox", { name: "Reply" }).fill("Thanks, noted.");
  await rapporteur.getByRole("button", { name: "Reply", exact: true }).last().click();
  await expect(rapporteur.getByTestId("threads-m-2")).toContainText("Thanks, noted.");

  await participant.reload();
  await threads.getByRole("button", { name: "Resolve" }).click();
  await expect(threads).toContainText("Resolved");
  participant.once("dialog", (dialog) => void dialog.accept());
  await threads.getByTestId("comment").first().getByRole("button", { name: "Delete" }).click();
  await expect(threads.getByTestId("comment").first()).toHaveText("This comment was deleted by its author.");
  await expect(threads).toContainText("Thanks, noted.");
  await expect(threads.getByTestId("thread-quote")).toHaveText("Second message about inclusion.");
});
