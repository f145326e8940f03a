import { DateTime } from "luxon";
import * as Y from "yjs";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { connectClient, sessionCookie, until } from "@/server/testing";
import { E2E_COLLAB_PORT } from "./support/env";
import { expect, test, typeInFirstMessage, userPage } from "./support/fixtures";

// Runs alone: it waits for a scheduled publication, which any other test's edits would not disturb but its timing might.

const paragraphWith = (text: string) => {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
};
const messageWith = (id: string, text: string) => {
  const message = new Y.XmlElement("message");
  message.setAttribute("messageId", id);
  message.insert(0, [paragraphWith(text)]);
  return message;
};

test("the whole week: co-edit, Day 3 by hand, edits, Day 4 by schedule, comparison, Final", async ({ browser, db }) => {
  test.setTimeout(120_000);
  const event = await makeEvent(db, { themes: ["Security"] });
  const [secretariat, amina, bruno] = [
    await makeUser(db),
    await makeUser(db, { name: "Amina" }),
    await makeUser(db, { name: "Bruno" }),
  ];
  await addMember(db, secretariat.id, event.id, "SECRETARIAT");
  await addMember(db, amina.id, event.id, "RAPPORTEUR");
  await addMember(db, bruno.id, event.id, "RAPPORTEUR");
  const documentId = event.themes[0].document!.id;

  // A scripted co-author sets up more of the document through the collaboration server.
  const script = connectClient(E2E_COLLAB_PORT, documentId, await sessionCookie(secretariat, process.env.E2E_SECRET));
  try {
    await until(() => script.provider.synced, "script synced");
    const fragment = script.doc.getXmlFragment("default");
    const heading = new Y.XmlElement("heading");
    heading.setAttribute("sectionId", "s-2");
    heading.insert(0, [new Y.XmlText("Second section")]);
    fragment.push([messageWith("m-remove", "To be removed."), heading, messageWith("m-move", "To be moved.")]);

    const a = await userPage(browser, amina.email, TEST_PASSWORD);
    const b = await userPage(browser, bruno.email, TEST_PASSWORD);
    await a.goto(`/workspace/documents/${documentId}`);
    await b.goto(`/workspace/documents/${documentId}`);
    await expect(b.locator(".ProseMirror")).toContainText("To be moved.");
    await typeInFirstMessage(a, " Agreed by Amina.");
    await expect(b.locator(".ProseMirror")).toContainText("Agreed by Amina.");
    await expect(a.getByTestId("save-state")).toHaveText("Saved");

    const admin = await userPage(browser, secretariat.email, TEST_PASSWORD);
    expect((await admin.request.post(`/api/events/${event.slug}/milestones/day-3/publish`)).status()).toBe(201);
    await a.reload();
    await expect(a.getByTestId("publication-notice")).toContainText("v1 (Day 3 draft) frozen at");

    const reader = await (await browser.newContext()).newPage();
    await reader.goto(`/events/${event.slug}/day-3/theme-1`);
    await expect(reader.getByText("First message. Agreed by Amina.")).toBeVisible();

    // Between Day 3 and Day 4: change (Amina), add (Bruno, toolbar), remove and move (script).
    await typeInFirstMessage(a, " Revised.");
    await b.locator(".ProseMirror [data-message-id] p").first().click();
    await b.getByRole("button", { name: "New message" }).click();
    await b.keyboard.type("Added by Bruno.");
    await expect(a.locator(".ProseMirror")).toContainText("Added by Bruno.");
    Y.transact(script.doc, () => {
      const items = fragment.toArray();
      const removeAt = items.findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("messageId") === "m-remove");
      fragment.delete(removeAt, 1);
      const moveAt = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("messageId") === "m-move");
      fragment.delete(moveAt, 1);
      const headingAt = fragment.toArray().findIndex((n) => n instanceof Y.XmlElement && n.getAttribute("sectionId") === "s-2");
      // Cut and paste: the message keeps its id in its new place.
      fragment.insert(headingAt, [messageWith("m-move", "To be moved.")]);
    });
    await expect(a.locator(".ProseMirror")).not.toContainText("To be removed.");
    await expect(a.getByTestId("save-state")).toHaveText("Saved");
    await expect(b.getByTestId("save-state")).toHaveText("Saved");
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(script.doc)).get(script.doc.clientID) ?? 0;
    await until(() => (script.stored.get(script.doc.clientID) ?? 0) >= mine(), "script's edits stored");

    // Day 4 publishes by itself: scheduled a few seconds ahead through the API.
    const due = DateTime.now().setZone(event.timeZone).plus({ seconds: 4 }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    expect((await admin.request.put(`/api/events/${event.slug}/milestones/day-4`, { data: { local: due } })).status()).toBe(200);
    await expect
      .poll(async () => (await (await reader.request.get(`/api/public/events/${event.slug}/versions`)).json()).versions.length, {
        timeout: 30_000,
      })
      .toBe(2);

    await reader.goto(`/events/${event.slug}/compare/theme-1?from=day-3&to=day-4`);
    await expect(reader.getByTestId("compare-summary")).toHaveText("1 added · 1 removed · 1 changed · 1 moved · 1 unchanged");
    await expect(reader.getByTestId("change-m-1").locator("ins")).toContainText("Revised.");
    await expect(reader.getByTestId("change-m-remove")).toContainText("Removed");
    await expect(reader.getByTestId("change-m-move")).toContainText("Moved");
    await expect(reader.locator(".compare-added")).toContainText("Added by Bruno.");

    expect((await admin.request.post(`/api/events/${event.slug}/milestones/final/publish`)).status()).toBe(201);
    await expect(a.getByTestId("editor-mode-note")).toContainText("this text is final");
    await expect(a.locator(".ProseMirror")).toHaveAttribute("contenteditable", "false");
  } finally {
    script.destroy();
  }
});
