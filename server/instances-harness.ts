/** Two collaboration instances under test, shared by the instances*.test.ts files, with helpers to reach them. */
import * as Y from "yjs";
import { afterAll, beforeAll } from "vitest";
import { covers } from "@/lib/collab/protocol";
import { appendUpdates } from "@/lib/drafts/append";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { connectClient, sessionCookie, startTestServer, until, type TestClient } from "./testing";

export let a: CollabServer;
export let b: CollabServer;
export const clients: TestClient[] = [];
export const FAST = { heartbeatMs: 100, presenceTimeoutMs: 1000, maxSocketsPerUser: 20 };

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(FAST), startTestServer(FAST)]);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([a.close(), b.close()]);
});

export async function setUp() {
  const event = await makeEvent(db(), { participantsWatchDrafts: true, themes: ["One"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  return { event, secretariat, documentId: event.themes[0].document!.id };
}

export async function member(eventId: string, role: "RAPPORTEUR" | "PARTICIPANT" | "SECRETARIAT") {
  const user = await makeUser(db());
  await addMember(db(), user.id, eventId, role);
  return { user, cookie: await sessionCookie(user) };
}

export function connect(port: number, documentId: string, cookie: string): TestClient {
  const client = connectClient(port, documentId, cookie);
  clients.push(client);
  return client;
}

export const synced = (...all: TestClient[]) => until(() => all.every((c) => c.provider.synced), "clients synced");

/** One keystroke: a character at the end of the client's own paragraph (made on the first one). */
export function keystroke(client: TestClient, key: string, char: string) {
  const fragment = client.doc.getXmlFragment("default");
  let paragraph = fragment.toArray().find((node) => node instanceof Y.XmlElement && node.getAttribute("key") === key) as
    Y.XmlElement | undefined;
  if (!paragraph) {
    paragraph = new Y.XmlElement("paragraph");
    paragraph.setAttribute("key", key);
    paragraph.insert(0, [new Y.XmlText("")]);
    fragment.insert(fragment.length, [paragraph]);
  }
  const text = paragraph.get(0) as Y.XmlText;
  text.insert(text.length, char);
}

export const paragraphText = (doc: Y.Doc, key: string) =>
  (
    doc
      .getXmlFragment("default")
      .toArray()
      .find((node) => node instanceof Y.XmlElement && node.getAttribute("key") === key) as Y.XmlElement | undefined
  )
    ?.toArray()
    .map((t) => (t as Y.XmlText).toString())
    .join("") ?? "";

/** A paragraph appended to the document's log as another instance would, without announcing it. */
export async function storeUnannounced(documentId: string, key: string, text: string) {
  const elsewhere = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("key", key);
  paragraph.insert(0, [new Y.XmlText(text)]);
  elsewhere.getXmlFragment("default").insert(0, [paragraph]);
  await appendUpdates(documentId, [{ update: Y.encodeStateAsUpdate(elsewhere), userId: null }]);
  elsewhere.destroy();
}

/** Everything the client wrote is covered by a frame 100 ("Saved"). */
export const saved = (client: TestClient) =>
  until(
    () => covers(client.stored, Y.decodeStateVector(Y.encodeStateVector(client.doc)), new Set([client.doc.clientID])),
    "saved",
  );
