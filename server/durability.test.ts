import type { ChildProcess } from "node:child_process";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import { startTcpProxy } from "@/lib/testing/tcp-proxy";
import {
  connectClient,
  readMetric as metric,
  sessionCookie,
  startServerProcess,
  textOf,
  until,
  type TestClient,
} from "./testing";

const processes: ChildProcess[] = [];
const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
  for (const child of processes.splice(0)) child.kill("SIGKILL");
});

async function serverProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = await startServerProcess(databaseUrl, port);
  processes.push(child);
  return child;
}

async function setUp() {
  const event = await makeEvent(db());
  const user = await makeUser(db());
  await addMember(db(), user.id, event.id, "RAPPORTEUR");
  return { documentId: event.themes[0].document!.id, cookie: await sessionCookie(user) };
}

function type(client: TestClient, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = client.doc.getXmlFragment("default");
  fragment.insert(fragment.length, [paragraph]);
}

const covered = (client: TestClient) =>
  (client.stored.get(client.doc.clientID) ?? 0) >=
  (Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0);

describe("durability", () => {
  it("an edit acknowledged by frame 100 survives SIGKILL of the server", async () => {
    const { documentId, cookie } = await setUp();
    const port = await freePort();
    const first = await serverProcess(process.env.DATABASE_URL!, port);
    const author = connectClient(port, documentId, cookie);
    clients.push(author);
    await until(() => author.provider.synced, "synced");
    type(author, "acknowledged words");
    await until(() => covered(author), "frame 100 covers the edit");
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    await serverProcess(process.env.DATABASE_URL!, port);
    const reader = connectClient(port, documentId, cookie);
    clients.push(reader);
    await until(() => reader.provider.synced && textOf(reader.doc).includes("acknowledged words"), "edit back after restart");
    expect(textOf(await loadDraft(documentId))).toContain("acknowledged words");
  }, 60_000);

  it("SIGTERM stores everything received before the process exits", async () => {
    const { documentId, cookie } = await setUp();
    const port = await freePort();
    const server = await serverProcess(process.env.DATABASE_URL!, port);
    const author = connectClient(port, documentId, cookie);
    clients.push(author);
    await until(() => author.provider.synced, "synced");
    for (let i = 0; i < 30; i++) type(author, `burst ${i}`);
    // Wait only until the server has received the burst, not until it is stored.
    await until(() => author.provider.ws?.bufferedAmount === 0, "burst sent");
    await until(async () => (await metric(port, "rapporteur_collab_frames_received_total")) >= 30, "burst received");
    server.kill("SIGTERM");
    const code = await new Promise((resolve) => server.once("exit", resolve));
    expect(code).toBe(0);
    const stored = textOf(await loadDraft(documentId));
    for (let i = 0; i < 30; i++) expect(stored).toContain(`burst ${i}`);
  }, 60_000);

  it("keeps retrying while Postgres is cut off, shows the edit unsaved meanwhile, and loses nothing", async () => {
    const { documentId, cookie } = await setUp();
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) });
    try {
      const viaProxy = new URL(target);
      viaProxy.port = String(proxy.port);
      const port = await freePort();
      await serverProcess(viaProxy.toString(), port);
      const author = connectClient(port, documentId, cookie);
      clients.push(author);
      await until(() => author.provider.synced, "synced");
      type(author, "before the cut");
      await until(() => covered(author), "first edit stored");

      proxy.cut();
      for (let i = 0; i < 20; i++) type(author, `during the cut ${i}`);
      await until(async () => (await metric(port, "rapporteur_collab_store_failures_total")) >= 2, "store retried", 30_000);
      expect(covered(author)).toBe(false);

      proxy.restore();
      await until(() => covered(author), "everything stored after the database came back", 30_000);
      const stored = textOf(await loadDraft(documentId));
      for (let i = 0; i < 20; i++) expect(stored).toContain(`during the cut ${i}`);
      expect(stored).toContain("before the cut");
    } finally {
      await proxy.close();
    }
  }, 90_000);
});
