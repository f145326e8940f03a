/** The collaboration server under test, shared by the collab-*.test.ts files: one server per file, helpers to reach it. */
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll } from "vitest";
import { FRAME } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import {
  connectClient,
  readMetric,
  sessionCookie,
  startTestServer,
  textOf,
  until,
  webSocketWithCookie,
  type TestClient,
} from "./testing";

export let server: CollabServer;
export const clients: TestClient[] = [];
export const metric = (name: string) => readMetric(server.port, name);
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

export async function setUp(options: { watch?: boolean } = {}) {
  const event = await makeEvent(db(), { participantsWatchDrafts: options.watch ?? false, themes: ["One", "Two"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const documentId = event.themes[0].document!.id;
  return { event, secretariat, documentId };
}

export async function member(eventId: string, role: "RAPPORTEUR" | "PARTICIPANT" | "SECRETARIAT", themeIds: string[] = []) {
  const user = await makeUser(db());
  await addMember(db(), user.id, eventId, role, themeIds);
  return { user, cookie: await sessionCookie(user) };
}

export function connect(documentId: string, cookie: string): TestClient {
  const client = connectClient(server.port, documentId, cookie);
  clients.push(client);
  return client;
}

export const synced = (client: TestClient) => until(() => client.provider.synced, "client synced");
export const typeInto = (client: TestClient, text: string) => {
  const fragment = client.doc.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
};

export async function storedText(documentId: string): Promise<string> {
  return textOf(await loadDraft(documentId));
}

/** Opens a raw socket (no provider) with a cookie; resolves once it is open. */
export async function rawSocket(
  documentId: string,
  cookie?: string,
): Promise<{ ws: WebSocket; frames: Uint8Array[]; closed: Promise<number> }> {
  const Socket = cookie ? webSocketWithCookie(cookie) : WebSocket;
  const ws = new Socket(`ws://127.0.0.1:${server.port}/${documentId}`);
  const frames: Uint8Array[] = [];
  ws.on("message", (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("error", reject);
  });
  return { ws, frames, closed };
}

export function upgradeStatus(documentId: string, cookie?: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/${documentId}`, cookie ? { headers: { cookie } } : {});
    ws.on("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", () => {});
  });
}

export function updateFrame(update: Uint8Array, kind: "step2" | "update" = "update"): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAME.SYNC);
  if (kind === "step2") syncProtocol.writeSyncStep2(encoder, docWith("x").doc);
  else syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function docWith(text: string) {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}
