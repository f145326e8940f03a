import pg from "pg";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeMembership, updateMembership } from "@/lib/events/members";
import { signOutEverywhere } from "@/lib/accounts/accounts";
import { endSession } from "@/lib/auth/revoke";
import { decode } from "next-auth/jwt";
import { FRAME, covers, markDeletions } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import type { CollabServer } from "./collab-server";
import {
  connectClient,
  readMetric,
  sessionCookie,
  startServerProcess,
  TEST_SECRET,
  startTestServer,
  textOf,
  until,
  webSocketWithCookie,
  type TestClient,
} from "./testing";

let server: CollabServer;
const clients: TestClient[] = [];
const metric = (name: string) => readMetric(server.port, name);
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function setUp(options: { watch?: boolean } = {}) {
  const event = await makeEvent(db(), { participantsWatchDrafts: options.watch ?? false, themes: ["One", "Two"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const documentId = event.themes[0].document!.id;
  return { event, secretariat, documentId };
}

async function member(eventId: string, role: "RAPPORTEUR" | "PARTICIPANT" | "SECRETARIAT", themeIds: string[] = []) {
  const user = await makeUser(db());
  await addMember(db(), user.id, eventId, role, themeIds);
  return { user, cookie: await sessionCookie(user) };
}

function connect(documentId: string, cookie: string): TestClient {
  const client = connectClient(server.port, documentId, cookie);
  clients.push(client);
  return client;
}

const synced = (client: TestClient) => until(() => client.provider.synced, "client synced");
const typeInto = (client: TestClient, text: string) => {
  const fragment = client.doc.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [paragraph]);
};

async function storedText(documentId: string): Promise<string> {
  return textOf(await loadDraft(documentId));
}

/** Opens a raw socket (no provider) with a cookie; resolves once it is open. */
async function rawSocket(
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

function upgradeStatus(documentId: string, cookie?: string): Promise<number> {
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

function updateFrame(update: Uint8Array, kind: "step2" | "update" = "update"): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAME.SYNC);
  if (kind === "step2") syncProtocol.writeSyncStep2(encoder, docWith("x").doc);
  else syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

function docWith(text: string) {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("default").insert(0, [paragraph]);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

describe("co-editing through the collaboration server", () => {
  it("two and then ten clients converge, and a fresh server loads the same content after compaction", async () => {
    const { event, documentId } = await setUp();
    const people = await Promise.all(Array.from({ length: 10 }, () => member(event.id, "RAPPORTEUR")));
    const [a, b] = people.slice(0, 2).map((p) => connect(documentId, p.cookie));
    await Promise.all([synced(a), synced(b)]);
    typeInto(a, "from A");
    typeInto(b, "from B");
    await until(
      () => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).includes("from A") && textOf(a.doc).includes("from B"),
      "two converge",
    );

    const rest = people.slice(2).map((p) => connect(documentId, p.cookie));
    await Promise.all(rest.map(synced));
    const all = [a, b, ...rest];
    all.forEach((client, i) => typeInto(client, `line ${i}`));
    const expected = () => textOf(a.doc);
    await until(
      () => all.every((c) => textOf(c.doc) === expected()) && all.every((_, i) => expected().includes(`line ${i}`)),
      "ten converge",
    );
    await until(
      () =>
        all.every(
          (c) =>
            (c.stored.get(c.doc.clientID) ?? 0) >= (Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0),
        ),
      "all stored",
    );
    const final = expected();

    // Everyone leaves: the room stores, compacts (log merged into the state) and closes.
    all.forEach((c) => c.provider.disconnect());
    await until(
      async () => (await db().documentUpdate.count({ where: { documentId } })) === 0 && !server.rooms.has(documentId),
      "compacted",
    );

    // A fresh server process, which has only the database to go by.
    const port = await freePort();
    const fresh = await startServerProcess(process.env.DATABASE_URL!, port);
    try {
      const reader = connectClient(port, documentId, people[0].cookie);
      clients.push(reader);
      await synced(reader);
      expect(textOf(reader.doc)).toBe(final);
    } finally {
      fresh.kill("SIGTERM");
    }
  }, 60_000);

  it("stores each update with its author's id", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    typeInto(client, "signed work");
    await until(() => (client.stored.get(client.doc.clientID) ?? 0) > 0, "stored");
    const rows = await db().documentUpdate.findMany({ where: { documentId } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === rapporteur.user.id)).toBe(true);
  });
});

describe("upgrade refusals", () => {
  it("answers 401 without a session and 403 for a document outside the user's events", async () => {
    const { documentId } = await setUp();
    expect(await upgradeStatus(documentId)).toBe(401);
    expect(await upgradeStatus(documentId, "next-auth.session-token=forged")).toBe(401);
    const other = await makeEvent(db());
    const outsider = await member(other.id, "RAPPORTEUR");
    expect(await upgradeStatus(documentId, outsider.cookie)).toBe(403);
    // A participant of the event, without the watch setting: 403 too.
    const { event, documentId: d2 } = await setUp();
    const participant = await member(event.id, "PARTICIPANT");
    expect(await upgradeStatus(d2, participant.cookie)).toBe(403);
  });

  it("refuses a token whose session version is older (401)", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    await db().user.update({ where: { id: rapporteur.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await upgradeStatus(documentId, rapporteur.cookie)).toBe(401);
  });
});

describe("read-only sockets change nothing", () => {
  it("ignores a watcher's sync step 2, updates and awareness claiming another client's id", async () => {
    const { event, documentId } = await setUp({ watch: true });
    const writer = await member(event.id, "RAPPORTEUR");
    const watcher = await member(event.id, "PARTICIPANT");
    const third = connect(documentId, writer.cookie);
    await synced(third);
    typeInto(third, "original");
    await until(() => (third.stored.get(third.doc.clientID) ?? 0) > 0, "original stored");
    await until(() => third.provider.awareness.getStates().size > 0, "own presence");

    const raw = await rawSocket(documentId, watcher.cookie);
    await until(() => raw.frames.some((f) => f[0] === FRAME.RIGHTS), "rights frame");
    const { update } = docWith("INJECTED");
    raw.ws.send(updateFrame(update, "update"));
    raw.ws.send(updateFrame(update, "step2"));
    // Awareness claiming the writer's client id and name.
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = third.doc.clientID;
    fake.setLocalState({ user: { name: "Impostor" } });
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, FRAME.AWARENESS);
    encoding.writeVarUint8Array(awareness, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    raw.ws.send(encoding.toUint8Array(awareness));
    // A later frame from the writer proves the watcher's frames were handled before it.
    const before = await metric("rapporteur_collab_frames_refused_total");
    await until(async () => (await metric("rapporteur_collab_frames_refused_total")) >= before, "frames handled");
    typeInto(third, "after");
    await until(async () => (await storedText(documentId)).includes("after"), "later edit stored");

    expect(textOf(third.doc)).not.toContain("INJECTED");
    expect(await storedText(documentId)).not.toContain("INJECTED");
    const names = [...third.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    expect(names).not.toContain("Impostor");
    expect(await metric("rapporteur_collab_frames_refused_total")).toBeGreaterThanOrEqual(3);
    raw.ws.close();
  });
});

describe("presence", () => {
  it("shows the session's name, whatever name a client announces", async () => {
    const { event, documentId } = await setUp();
    const a = await member(event.id, "RAPPORTEUR");
    const b = await member(event.id, "RAPPORTEUR");
    const alice = connect(documentId, a.cookie);
    const bob = connect(documentId, b.cookie);
    await Promise.all([synced(alice), synced(bob)]);
    alice.provider.awareness.setLocalStateField("user", { name: "The Secretary-General", color: "#000" });
    await until(() => {
      const state = bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { name: string } } | undefined;
      return state?.user?.name === a.user.name;
    }, "alice shown with her own name to bob");
  });
});

describe("rights changed while connected", () => {
  it("closes a removed member's socket with 4403", async () => {
    const { event, secretariat, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    await removeMembership(secretariat, event.id, rapporteur.user.id);
    await until(() => client.closed?.code === 4403, "closed with 4403");
    expect(client.provider.shouldConnect).toBe(false);
  });

  it("closes every socket of a user who signs out everywhere with 4401", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const tabs = [connect(documentId, rapporteur.cookie), connect(event.themes[1].document!.id, rapporteur.cookie)];
    await Promise.all(tabs.map(synced));
    await signOutEverywhere({ ...rapporteur.user });
    await until(() => tabs.every((t) => t.closed?.code === 4401), "both closed with 4401");
  });

  it("closes the sockets of a session that signed out with 4401, and refuses its cookie; the user's other sessions stay", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const otherSession = await sessionCookie(rapporteur.user);
    const signedOut = connect(documentId, rapporteur.cookie);
    const staying = connect(documentId, otherSession);
    await Promise.all([synced(signedOut), synced(staying)]);
    const token = await decode({ token: rapporteur.cookie.split("=")[1], secret: TEST_SECRET });
    await endSession(token);
    await until(() => signedOut.closed?.code === 4401, "the signed-out session's socket closed with 4401");
    expect(signedOut.provider.shouldConnect).toBe(false);
    const again = connect(documentId, rapporteur.cookie);
    await until(() => again.provider.wsUnsuccessfulReconnects > 0 || again.closed !== null, "the old cookie refused");
    expect(again.provider.synced).toBe(false);
    again.provider.disconnect();
    expect(staying.closed).toBeNull();
    expect(staying.provider.wsconnected).toBe(true);
  });

  it("sends frame 101 to a rapporteur limited to another theme, and refuses the next update", async () => {
    const { event, secretariat, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    expect(client.rights?.mode).toBe("read-write");
    await updateMembership(secretariat, event.id, rapporteur.user.id, { role: "RAPPORTEUR", themeIds: [event.themes[1].id] });
    await until(() => client.rights?.mode === "read-only", "frame 101 read-only");
    expect(client.rights?.reason).toMatch(/other themes/);
    const refusedBefore = await metric("rapporteur_collab_frames_refused_total");
    typeInto(client, "too late");
    await until(async () => (await metric("rapporteur_collab_frames_refused_total")) > refusedBefore, "update refused");
    expect(await storedText(documentId)).not.toContain("too late");
    expect(client.closed).toBeNull();
  });
});

describe("load before sync", () => {
  it("answers no sync frame while the update log cannot be read", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    await db().documentUpdate.create({ data: { documentId, update: new Uint8Array(docWith("stored before").update) } });
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in access exclusive mode`);
    try {
      const raw = await rawSocket(documentId, rapporteur.cookie);
      // Our sync step 1: a loaded room would answer it with sync step 2.
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, FRAME.SYNC);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      raw.ws.send(encoding.toUint8Array(step1));
      await until(() => raw.frames.some((f) => f[0] === FRAME.RIGHTS), "rights frame");
      // The loader is blocked on the lock, and the server has received our sync step 1 ...
      await until(async () => {
        const waiting = await locker.query(
          `select count(*)::int as n from pg_locks where not granted and relation = '"DocumentUpdate"'::regclass`,
        );
        return waiting.rows[0].n > 0;
      }, "loader waiting on the lock");
      await until(async () => (await metric("rapporteur_collab_frames_received_total")) > 0, "frame received");
      // ... yet answered nothing of the document: only its rights.
      expect(raw.frames.filter((f) => f[0] === FRAME.SYNC)).toHaveLength(0);
      await locker.query("rollback");
      await until(() => raw.frames.some((f) => f[0] === FRAME.SYNC && f[1] === 1), "sync step 2 after release");
      const doc = new Y.Doc();
      for (const frame of raw.frames.filter((f) => f[0] === FRAME.SYNC && f[1] !== 0)) {
        const decoder = (await import("lib0/decoding")).createDecoder(frame);
        (await import("lib0/decoding")).readVarUint(decoder);
        syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, null);
      }
      expect(textOf(doc)).toContain("stored before");
      raw.ws.close();
    } finally {
      await locker.end();
    }
  });
});

describe("durable writes", () => {
  it("group commit: many quick updates take fewer insert transactions", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    const before = await metric("rapporteur_collab_update_insert_transactions_total");
    const storedBefore = await metric("rapporteur_collab_updates_stored_total");
    const text = new Y.XmlText("");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    client.doc.getXmlFragment("default").insert(0, [paragraph]);
    for (let i = 0; i < 200; i++) text.insert(text.length, "x");
    await until(
      () =>
        (client.stored.get(client.doc.clientID) ?? 0) >=
        (Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0),
      "stored",
    );
    const transactions = (await metric("rapporteur_collab_update_insert_transactions_total")) - before;
    const updates = (await metric("rapporteur_collab_updates_stored_total")) - storedBefore;
    expect(updates).toBe(201);
    expect(transactions).toBeLessThan(updates);
  });

  it("sends no frame 100 while inserts are blocked, then covers the edit once they pass", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0;
    try {
      typeInto(client, "waiting");
      await until(() => server.rooms.get(documentId)?.hasUnstoredUpdates() === true, "insert pending");
      // The insert waits on the lock: the author's edit is not covered by any frame 100.
      expect(client.stored.get(client.doc.clientID) ?? 0).toBeLessThan(mine());
    } finally {
      await locker.query("rollback");
      await locker.end();
    }
    await until(() => (client.stored.get(client.doc.clientID) ?? 0) >= mine(), "covered after release");
  });

  it("does not cover a deletion before it is stored (deletions are marked)", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    const stopMarking = markDeletions(client.doc);
    await synced(client);
    typeInto(client, "keep this, drop that");
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0;
    const covered = () => (client.stored.get(client.doc.clientID) ?? 0) >= mine();
    await until(covered, "typing stored");
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    try {
      const fragment = client.doc.getXmlFragment("default");
      const text = (fragment.get(fragment.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
      text.delete("keep this".length, ", drop that".length);
      await until(() => server.rooms.get(documentId)?.hasUnstoredUpdates() === true, "insert pending");
      expect(covered()).toBe(false);
    } finally {
      await locker.query("rollback");
      await locker.end();
    }
    await until(covered, "covered after release");
    expect(await storedText(documentId)).toContain("keep this</paragraph>");
    stopMarking();
  });
});

describe("updates whose dependencies never arrive", () => {
  it("are neither relayed nor stored", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const watcher = connect(documentId, rapporteur.cookie);
    await synced(watcher);
    // A second change made on top of a first one that is never sent.
    const source = new Y.Doc();
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText("first part");
    paragraph.insert(0, [text]);
    source.getXmlFragment("default").insert(0, [paragraph]);
    const before = Y.encodeStateVector(source);
    text.insert(text.length, " orphan");
    const orphan = Y.encodeStateAsUpdate(source, before);

    const raw = await rawSocket(documentId, rapporteur.cookie);
    await until(() => raw.frames.some((f) => f[0] === FRAME.SYNC), "synced raw socket");
    raw.ws.send(updateFrame(orphan));
    // A later, complete edit from the watcher is stored: the orphan was handled before it.
    typeInto(watcher, "complete edit");
    await until(async () => (await storedText(documentId)).includes("complete edit"), "complete edit stored");
    expect(await storedText(documentId)).not.toContain("orphan");
    expect(textOf(watcher.doc)).not.toContain("orphan");
    raw.ws.close();
  });
});

describe("bad frames", () => {
  it("closes only the socket that sent garbage, truncated or oversized frames; the document is unchanged", async () => {
    const small = await startTestServer({ maxFrameBytes: 4096 });
    try {
      const { event, documentId } = await setUp();
      const rapporteur = await member(event.id, "RAPPORTEUR");
      const good = connectClient(small.port, documentId, rapporteur.cookie);
      clients.push(good);
      await synced(good);
      typeInto(good, "kept");
      await until(() => (good.stored.get(good.doc.clientID) ?? 0) > 0, "stored");
      const before = await storedText(documentId);

      const open = async () => {
        const Socket = webSocketWithCookie(rapporteur.cookie);
        const ws = new Socket(`ws://127.0.0.1:${small.port}/${documentId}`);
        const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
        await new Promise((resolve) => ws.on("open", resolve));
        return { ws, closed };
      };
      const garbage = await open();
      garbage.ws.send(new Uint8Array([0, 2, 200, 1, 2, 3, 4, 5, 255, 255]));
      expect(await garbage.closed).toBe(4400);

      const truncated = await open();
      const full = updateFrame(docWith("truncated").update);
      truncated.ws.send(full.slice(0, full.length - 5));
      expect(await truncated.closed).toBe(4400);

      const oversized = await open();
      oversized.ws.send(updateFrame(docWith("x".repeat(10_000)).update));
      expect(await oversized.closed).toBe(1009);

      typeInto(good, "still going");
      await until(async () => (await storedText(documentId)).includes("still going"), "good client goes on");
      expect(good.closed).toBeNull();
      const after = await storedText(documentId);
      expect(after).toBe(`${before}<paragraph>still going</paragraph>`);
    } finally {
      await small.close();
    }
  });
});

describe("liveness and limits", () => {
  it("drops a socket that stops answering pings, and its caret with it", async () => {
    const quick = await startTestServer({ pingIntervalMs: 100 });
    try {
      const { event, documentId } = await setUp();
      const a = await member(event.id, "RAPPORTEUR");
      const watcher = connectClient(quick.port, documentId, a.cookie);
      clients.push(watcher);
      await synced(watcher);
      // A client whose machine went to sleep: connected, but it never answers a ping.
      const b = await member(event.id, "RAPPORTEUR");
      const ghost = new WebSocket(`ws://127.0.0.1:${quick.port}/${documentId}`, {
        headers: { cookie: b.cookie },
        autoPong: false,
      });
      const closed = new Promise<number>((resolve) => ghost.on("close", (code) => resolve(code)));
      await new Promise((resolve) => ghost.on("open", resolve));
      const presence = new awarenessProtocol.Awareness(new Y.Doc());
      presence.setLocalState({ cursor: null });
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, FRAME.AWARENESS);
      encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(presence, [presence.clientID]));
      ghost.send(encoding.toUint8Array(frame));
      await until(() => watcher.provider.awareness.getStates().has(presence.clientID), "ghost caret shown");
      expect(await closed).toBe(1006);
      await until(() => !watcher.provider.awareness.getStates().has(presence.clientID), "ghost caret gone");
    } finally {
      await quick.close();
    }
  });

  it("closes a socket that sends too many frames per second (4429), and refuses sockets over the per-user limit (429)", async () => {
    const strict = await startTestServer({ maxFramesPerSecond: 5, maxSocketsPerUser: 1 });
    try {
      const { event, documentId } = await setUp();
      const a = await member(event.id, "RAPPORTEUR");
      const Socket = webSocketWithCookie(a.cookie);
      const ws = new Socket(`ws://127.0.0.1:${strict.port}/${documentId}`);
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      await new Promise((resolve) => ws.on("open", resolve));
      const status = await new Promise<number>((resolve) => {
        const second = new WebSocket(`ws://127.0.0.1:${strict.port}/${documentId}`, { headers: { cookie: a.cookie } });
        second.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        second.on("open", () => resolve(101));
        second.on("error", () => {});
      });
      expect(status).toBe(429);
      for (let i = 0; i < 50; i++) ws.send(new Uint8Array([3]));
      expect(await closed).toBe(4429);
    } finally {
      await strict.close();
    }
  });

  it("drops presence floods (as stock clients echo them) without closing the socket or losing edits", async () => {
    const strict = await startTestServer({ maxFramesPerSecond: 5 });
    try {
      const { event, documentId } = await setUp();
      const a = await member(event.id, "RAPPORTEUR");
      const b = await member(event.id, "RAPPORTEUR");
      const Socket = webSocketWithCookie(a.cookie);
      const ws = new Socket(`ws://127.0.0.1:${strict.port}/${documentId}`);
      let closedWith = 0;
      ws.on("close", (code) => (closedWith = code));
      await new Promise((resolve) => ws.on("open", resolve));
      const doc = new Y.Doc();
      const presence = new awarenessProtocol.Awareness(doc);
      for (let i = 0; i < 200; i++) {
        presence.setLocalStateField("cursor", i);
        const frame = encoding.createEncoder();
        encoding.writeVarUint(frame, FRAME.AWARENESS);
        encoding.writeVarUint8Array(frame, awarenessProtocol.encodeAwarenessUpdate(presence, [doc.clientID]));
        ws.send(encoding.toUint8Array(frame));
      }
      // An edit after the flood still goes through.
      doc.getXmlFragment("default").insert(0, [new Y.XmlText("after the flood")]);
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, FRAME.SYNC);
      syncProtocol.writeUpdate(update, Y.encodeStateAsUpdate(doc));
      ws.send(encoding.toUint8Array(update));
      const watcher = connectClient(strict.port, documentId, b.cookie);
      clients.push(watcher);
      await until(() => textOf(watcher.doc).includes("after the flood"), "edit relayed after the flood");
      expect(closedWith).toBe(0);
      expect(await readMetric(strict.port, "rapporteur_collab_frames_refused_total")).toBeGreaterThan(0);
      ws.close();
    } finally {
      await strict.close();
    }
  });
});

describe("an edit that loses the race to Final", () => {
  it("is taken back from everyone: the room reloads the stored text and its sockets are told to reload (4409)", async () => {
    const { event, documentId } = await setUp();
    const amina = await member(event.id, "RAPPORTEUR");
    const bruno = await member(event.id, "RAPPORTEUR");
    const a = connect(documentId, amina.cookie);
    const b = connect(documentId, bruno.cookie);
    await synced(a);
    await synced(b);

    // Appends wait on this lock; meanwhile Final locks the document (here by hand, as its transaction does).
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    try {
      await locker.query("begin");
      await locker.query(`lock table "DocumentUpdate" in access exclusive mode`);
      typeInto(a, "phantom words");
      // The room applied and relayed the edit: the other editor shows it.
      await until(() => textOf(b.doc).includes("phantom words"), "relayed to the other editor");
      await locker.query(`update "Document" set locked = true where id = $1`, [documentId]);
      await locker.query("commit");
    } finally {
      await locker.end();
    }

    // The store refused it; both sockets are told to drop their copies.
    await until(() => a.closed?.code === 4409 && b.closed?.code === 4409, "both told to reload");
    expect(b.closed?.reason).toMatch(/Final was published/);
    expect(await storedText(documentId)).not.toContain("phantom words");
    // A reader who connects now gets the stored text, without the refused edit.
    const reader = connect(documentId, (await member(event.id, "RAPPORTEUR")).cookie);
    await synced(reader);
    expect(textOf(reader.doc)).not.toContain("phantom words");
    expect(reader.rights?.mode).toBe("read-only");
  });
});

describe("acknowledgements (frame 100) that cost the same whatever the room or the history", () => {
  it("reach only the sockets whose writes were stored, and carry only the client ids they wrote under", async () => {
    const { event, documentId } = await setUp({ watch: true });
    // A long history: many client ids the document has seen.
    const history = new Y.Doc();
    for (let i = 0; i < 50; i++) {
      const author = new Y.Doc();
      Y.applyUpdate(author, Y.encodeStateAsUpdate(history));
      typeInto({ doc: author } as TestClient, `old ${i}`);
      Y.applyUpdate(history, Y.encodeStateAsUpdate(author));
    }
    await db().documentUpdate.create({ data: { documentId, update: new Uint8Array(Y.encodeStateAsUpdate(history)) } });

    const writer = connect(documentId, (await member(event.id, "RAPPORTEUR")).cookie);
    const idle = connect(documentId, (await member(event.id, "RAPPORTEUR")).cookie);
    const watcher = connect(documentId, (await member(event.id, "PARTICIPANT")).cookie);
    for (const c of [writer, idle, watcher]) await synced(c);
    await until(() => writer.storedFrames.length === 1 && idle.storedFrames.length === 1, "writers greeted");
    // On connecting, writers learn once what is stored (every client id); watchers cannot write and hear nothing.
    expect(writer.storedFrames[0].size).toBeGreaterThanOrEqual(50);
    expect(watcher.storedFrames).toHaveLength(0);

    for (let i = 0; i < 5; i++) typeInto(writer, `new ${i}`);
    const mine = () => Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID) ?? 0;
    await until(() => (writer.stored.get(writer.doc.clientID) ?? 0) >= mine(), "the writer's edits acknowledged");
    await until(() => textOf(idle.doc).includes("new 4") && textOf(watcher.doc).includes("new 4"), "relayed to all");
    // After the greeting, the writer's acknowledgements name its own client id only.
    expect(writer.storedFrames.length).toBeGreaterThan(1);
    for (const frame of writer.storedFrames.slice(1)) expect([...frame.keys()]).toEqual([writer.doc.clientID]);
    // The idle writer and the watcher got no acknowledgement traffic at all.
    expect(idle.storedFrames).toHaveLength(1);
    expect(watcher.storedFrames).toHaveLength(0);
  });

  it("a tab that reconnects with offline edits made under an earlier client id is Saved only once they are stored", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    // Edits made offline in an earlier tab (another client id), kept in the offline copy...
    const earlier = new Y.Doc();
    Y.applyUpdate(earlier, Y.encodeStateAsUpdate(await loadDraft(documentId)));
    typeInto({ doc: earlier } as TestClient, "written offline");
    // Inserts wait from now on (reads still work).
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    // ...restored into a new tab, which has a client id of its own (before its socket opens).
    const client = connect(documentId, rapporteur.cookie);
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(earlier));
    const authored = [earlier.clientID, client.doc.clientID];
    const saved = () => covers(client.stored, Y.decodeStateVector(Y.encodeStateVector(client.doc)), authored);
    try {
      await synced(client);
      await until(() => server.rooms.get(documentId)?.hasUnstoredUpdates() === true, "the offline edits wait to be stored");
      expect(saved()).toBe(false);
    } finally {
      await locker.query("rollback");
      await locker.end();
    }
    await until(saved, "Saved once stored");
    expect(client.storedFrames.at(-1)!.has(earlier.clientID)).toBe(true);
    expect(await storedText(documentId)).toContain("written offline");
  });
});
