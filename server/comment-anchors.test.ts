import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLiveAnchor, fromBase64, resolveLiveAnchor, toBase64, yMessageTexts } from "@/lib/comments/anchors";
import { draftThreads } from "@/lib/comments/read";
import { startDraftThread } from "@/lib/comments/threads";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { documentFragment } from "@/lib/documents/ydoc";
import { loadDraft } from "@/lib/drafts/store";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { connectClient, sessionCookie, startTestServer, until, type TestClient } from "./testing";

/**
 * Live-draft comment anchors through the real collaboration server: two
 * rapporteurs edit around and inside a commented phrase through Yjs; the
 * thread stays on its words for both of them, in the stored draft and for a
 * browser that connects afresh.
 */
let server: CollabServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

const SENTENCE = "Protect the data and share the data.";

async function setUp() {
  const event = await makeEvent(db());
  const documentId = event.themes[0].document!.id;
  await db().document.update({
    where: { id: documentId },
    data: {
      state: documentJsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2, sectionId: "s-1" }, content: [{ type: "text", text: "Data" }] },
          {
            type: "message",
            attrs: { messageId: "m-1" },
            content: [{ type: "paragraph", content: [{ type: "text", text: SENTENCE }] }],
          },
        ],
      }),
    },
  });
  const rapporteur = async () => {
    const user = await makeUser(db());
    await addMember(db(), user.id, event.id, "RAPPORTEUR");
    const client = connectClient(server.port, documentId, await sessionCookie(user));
    clients.push(client);
    await until(() => client.provider.synced, "client synced");
    return { actor: { id: user.id, name: user.name, siteAdmin: false }, client };
  };
  return { documentId, a: await rapporteur(), b: await rapporteur(), rapporteur };
}

/** The run of text in the first message, in this client's copy. */
function run(client: TestClient): Y.XmlText {
  const message = documentFragment(client.doc)
    .toArray()
    .find((c) => c instanceof Y.XmlElement && c.nodeName === "message") as Y.XmlElement;
  return (message.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const messageText = (client: TestClient) => yMessageTexts(client.doc).get("m-1");

/** Waits until both clients hold the same text and the server has stored everything. */
async function settle(documentId: string, ...all: TestClient[]) {
  await until(() => all.every((c) => messageText(c) === messageText(all[0])), "clients converge");
  await until(async () => {
    return (await storedText(documentId)) === messageText(all[0]);
  }, "server stored the edits");
}

async function storedText(documentId: string) {
  const ydoc = await loadDraft(documentId);
  try {
    return yMessageTexts(ydoc).get("m-1");
  } finally {
    ydoc.destroy();
  }
}

describe("comment anchors on the live draft", () => {
  it("stay on the second of two equal phrases through concurrent edits, for the other user and after a reload", async () => {
    const { documentId, a, b, rapporteur } = await setUp();
    const second = SENTENCE.lastIndexOf("the data");
    const anchor = createLiveAnchor(a.client.doc, "m-1", second, second + "the data".length);
    const thread = await startDraftThread(a.actor, documentId, {
      messageId: "m-1",
      anchor: { start: toBase64(anchor.start), end: toBase64(anchor.end) },
      body: "Which data?",
    });
    expect(thread.quote).toBe("the data");

    // Concurrently: B types before the phrase and deletes " and"; A types inside it.
    run(b.client).insert(0, "We must ");
    run(b.client).delete("We must Protect the data".length, " and".length);
    run(a.client).insert(second + "the".length, " personal");
    await settle(documentId, a.client, b.client);
    expect(messageText(a.client)).toBe("We must Protect the data share the personal data.");

    const expected = { messageId: "m-1", text: "the personal data" };
    expect(resolveLiveAnchor(a.client.doc, anchor)).toMatchObject(expected);
    expect(resolveLiveAnchor(b.client.doc, anchor)).toEqual(resolveLiveAnchor(a.client.doc, anchor));

    // The server's view (the stored draft) and a browser connecting afresh agree.
    const [live] = (await draftThreads(b.actor, documentId)).live;
    expect(live).toMatchObject({ id: thread.id, quote: "the data", current: expected });
    const c = await rapporteur();
    const stored = { start: fromBase64(live.anchor!.start), end: fromBase64(live.anchor!.end) };
    expect(resolveLiveAnchor(c.client.doc, stored)).toEqual(resolveLiveAnchor(a.client.doc, anchor));

    // When the words are deleted, the thread says so and keeps its quote.
    const now = resolveLiveAnchor(b.client.doc, anchor)!;
    run(b.client).delete(now.start, now.end - now.start);
    await settle(documentId, a.client, b.client, c.client);
    expect(resolveLiveAnchor(a.client.doc, anchor)).toBeNull();
    const [gone] = (await draftThreads(a.actor, documentId)).live;
    expect(gone).toMatchObject({ quote: "the data", current: null });
  });

  it("refuses an anchor the stored draft does not know", async () => {
    const { documentId, a } = await setUp();
    const elsewhere = new Y.Doc();
    const text = elsewhere.getXmlFragment("default");
    const element = new Y.XmlElement("message");
    element.setAttribute("messageId", "m-1");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText("Not in this draft")]);
    element.insert(0, [paragraph]);
    text.insert(0, [element]);
    const foreign = createLiveAnchor(elsewhere, "m-1", 0, 3);
    await expect(
      startDraftThread(a.actor, documentId, {
        messageId: "m-1",
        anchor: { start: toBase64(foreign.start), end: toBase64(foreign.end) },
        body: "x",
      }),
    ).rejects.toThrow(/not in the saved draft/);
    expect(await db().commentThread.count({ where: { documentId } })).toBe(0);
  });
});
