import type { ChildProcess } from "node:child_process";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { covers } from "@/lib/collab/protocol";
import pino from "pino";
import { postgresRelay, RELAY_CHANNEL, type RelayEnvelope } from "@/lib/collab/relay";
import { appendUpdates } from "@/lib/drafts/append";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { removeMembership } from "@/lib/events/members";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import type { CollabServer } from "./collab-server";
import {
  connectClient,
  readMetric,
  sessionCookie,
  startRoundRobinProxy,
  startServerProcess,
  startTestServer,
  textOf,
  until,
  webSocketWithCookie,
  type TestClient,
} from "./testing";

/** Two collaboration instances on the one test database, talking through Postgres only. */
let a: CollabServer;
let b: CollabServer;
const clients: TestClient[] = [];
const FAST = { heartbeatMs: 100, presenceTimeoutMs: 1000, maxSocketsPerUser: 20 };

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(FAST), startTestServer(FAST)]);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([a.close(), b.close()]);
});

async function setUp() {
  const event = await makeEvent(db(), { participantsWatchDrafts: true, themes: ["One"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  return { event, secretariat, documentId: event.themes[0].document!.id };
}

async function member(eventId: string, role: "RAPPORTEUR" | "PARTICIPANT" | "SECRETARIAT") {
  const user = await makeUser(db());
  await addMember(db(), user.id, eventId, role);
  return { user, cookie: await sessionCookie(user) };
}

function connect(port: number, documentId: string, cookie: string): TestClient {
  const client = connectClient(port, documentId, cookie);
  clients.push(client);
  return client;
}

const synced = (...all: TestClient[]) => until(() => all.every((c) => c.provider.synced), "clients synced");

/** One keystroke: a character at the end of the client's own paragraph (made on the first one). */
function keystroke(client: TestClient, key: string, char: string) {
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

const paragraphText = (doc: Y.Doc, key: string) =>
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
async function storeUnannounced(documentId: string, key: string, text: string) {
  const elsewhere = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.setAttribute("key", key);
  paragraph.insert(0, [new Y.XmlText(text)]);
  elsewhere.getXmlFragment("default").insert(0, [paragraph]);
  await appendUpdates(documentId, [{ update: Y.encodeStateAsUpdate(elsewhere), userId: null }]);
  elsewhere.destroy();
}

/** Everything the client wrote is covered by a frame 100 ("Saved"). */
const saved = (client: TestClient) =>
  until(
    () => covers(client.stored, Y.decodeStateVector(Y.encodeStateVector(client.doc)), new Set([client.doc.clientID])),
    "saved",
  );

describe("two collaboration instances on one database", () => {
  it("editors on both type at once and converge; watchers on each hear every keystroke; each instance stores only its own clients' edits", async () => {
    const { event, documentId } = await setUp();
    const [alice, bruno, wendy, walt] = await Promise.all([
      member(event.id, "RAPPORTEUR"),
      member(event.id, "RAPPORTEUR"),
      member(event.id, "PARTICIPANT"),
      member(event.id, "PARTICIPANT"),
    ]);
    const onA = connect(a.port, documentId, alice.cookie);
    const onB = connect(b.port, documentId, bruno.cookie);
    const watchA = connect(a.port, documentId, wendy.cookie);
    const watchB = connect(b.port, documentId, walt.cookie);
    await synced(onA, onB, watchA, watchB);
    const heard = { a: 0, b: 0 };
    watchA.doc.on("update", () => (heard.a += 1));
    watchB.doc.on("update", () => (heard.b += 1));
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (const char of letters) {
      keystroke(onA, "alice", char);
      keystroke(onB, "bruno", char.toUpperCase());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const client of [onA, onB, watchA, watchB]) {
      await until(
        () => paragraphText(client.doc, "alice") === letters && paragraphText(client.doc, "bruno") === letters.toUpperCase(),
        "every keystroke everywhere",
      );
    }
    expect(textOf(watchA.doc)).toBe(textOf(onA.doc));
    expect(textOf(watchB.doc)).toBe(textOf(onB.doc));
    expect(heard.a).toBeGreaterThan(0);
    expect(heard.b).toBeGreaterThan(0);
    await Promise.all([saved(onA), saved(onB)]);
    // Each edit is in the log once, by its own author: the instance that relayed it stored nothing of it.
    const rows = await db().documentUpdate.findMany({ where: { documentId }, select: { userId: true } });
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([alice.user.id, bruno.user.id]));
    const stored = await loadDraft(documentId);
    expect(paragraphText(stored, "alice")).toBe(letters);
    expect(paragraphText(stored, "bruno")).toBe(letters.toUpperCase());
  });

  it("'Saved' on an instance means stored by it: relayed edits are never acknowledged there", async () => {
    const { event, documentId } = await setUp();
    const [alice, bruno] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "RAPPORTEUR")]);
    const onA = connect(a.port, documentId, alice.cookie);
    const onB = connect(b.port, documentId, bruno.cookie);
    await synced(onA, onB);
    // A writer hears what is stored once, on connecting; after that only of its own writes.
    await until(() => onB.storedFrames.length === 1, "Bruno's first frame 100");
    keystroke(onA, "alice", "x");
    await saved(onA);
    await until(() => paragraphText(onB.doc, "alice") === "x", "relayed to B");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(onB.storedFrames).toHaveLength(1);
    keystroke(onB, "bruno", "y");
    await saved(onB);
    expect([...onB.storedFrames.at(-1)!.keys()]).toEqual([onB.doc.clientID]);
  });

  it("presence crosses instances, and leaves when its instance says goodbye", async () => {
    const { event, documentId } = await setUp();
    const [alice, bruno] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "RAPPORTEUR")]);
    const onB = connect(b.port, documentId, bruno.cookie);
    await synced(onB);
    const extra = await startTestServer(FAST);
    try {
      const onExtra = connect(extra.port, documentId, alice.cookie);
      await synced(onExtra);
      onExtra.provider.awareness.setLocalStateField("cursor", 7);
      const seen = () =>
        [...onB.provider.awareness.getStates().values()].some(
          (s) => (s.user as { name?: string } | undefined)?.name === alice.user.name,
        );
      await until(seen, "Alice's presence seen on B");
      await extra.close();
      await until(() => !seen(), "Alice's presence gone from B");
    } finally {
      await extra.close().catch(() => {});
    }
  });

  it("an instance stopped gracefully (SIGTERM) stores everything, closes with 1001, and its clients reach Saved through the proxy on another", async () => {
    const { event, documentId } = await setUp();
    const alice = await member(event.id, "RAPPORTEUR");
    const extra = await startTestServer(FAST);
    const proxy = await startRoundRobinProxy([extra.port, b.port]);
    try {
      const viaProxy = connect(proxy.port, documentId, alice.cookie); // lands on the extra instance
      await synced(viaProxy);
      for (const char of "before") keystroke(viaProxy, "alice", char);
      await saved(viaProxy);
      let closedWith: number | null = null;
      viaProxy.provider.on("connection-close", (event: CloseEvent | null) => (closedWith ??= event?.code ?? null));
      const stopping = extra.close();
      // Typed while it stops: stored there if it arrived in time, else sent again to the next instance.
      for (const char of " after") keystroke(viaProxy, "alice", char);
      await stopping;
      await until(() => closedWith !== null, "the socket closed");
      expect(closedWith).toBe(1001);
      await until(() => viaProxy.provider.wsconnected && viaProxy.provider.synced, "reconnected through the proxy to B", 20_000);
      await saved(viaProxy);
      expect(paragraphText(await loadDraft(documentId), "alice")).toBe("before after");
    } finally {
      await proxy.close();
      await extra.close().catch(() => {});
    }
  });

  it("a gap in another instance's messages makes an instance catch up from the log", async () => {
    const { event, documentId } = await setUp();
    const walt = await member(event.id, "PARTICIPANT");
    const watchB = connect(b.port, documentId, walt.cookie);
    await synced(watchB);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const say = (payload: object) => client.query("select pg_notify($1, $2)", [RELAY_CHANNEL, JSON.stringify(payload)]);
    try {
      const gapsBefore = await readMetric(b.port, "rapporteur_collab_relay_gaps_total");
      await say({ kind: "heartbeat", instance: "elsewhere", seq: 1 });
      // Rows an instance stored and whose announcement never arrived.
      await storeUnannounced(documentId, "elsewhere", "unannounced");
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(paragraphText(watchB.doc, "elsewhere")).toBe("");
      // Its next message is number 3: number 2 was lost, so B reads the log.
      await say({ kind: "heartbeat", instance: "elsewhere", seq: 3 });
      await until(() => paragraphText(watchB.doc, "elsewhere") === "unannounced", "caught up after the gap");
      expect(await readMetric(b.port, "rapporteur_collab_relay_gaps_total")).toBe(gapsBefore + 1);
    } finally {
      await client.end();
    }
  });

  it("alone, an instance announces only its heartbeat; an instance it hears is welcomed and hears its rows until forgotten; a welcome makes it read the log", async () => {
    const { event, documentId } = await setUp();
    const [alice, walt] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "PARTICIPANT")]);
    // A channel of its own: the other instances on the test database stay out of it.
    const channel = `rapporteur_relay_test_${Math.random().toString(36).slice(2, 10)}`;
    const relay = postgresRelay({ databaseUrl: process.env.DATABASE_URL!, logger: pino({ level: "silent" }), channel });
    const heard: RelayEnvelope[] = [];
    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    listener.on("notification", (n) => heard.push(JSON.parse(n.payload!) as RelayEnvelope));
    await listener.query(`listen ${channel}`);
    const x = await startTestServer({ ...FAST, relay });
    const say = (payload: object) => listener.query("select pg_notify($1, $2)", [channel, JSON.stringify(payload)]);
    const fromX = (kind: string) => heard.filter((m) => m.instance === x.instanceId && m.kind === kind);
    try {
      const onX = connect(x.port, documentId, alice.cookie);
      const watchX = connect(x.port, documentId, walt.cookie);
      await synced(onX, watchX);
      keystroke(onX, "alice", "a");
      await saved(onX);
      await until(() => fromX("heartbeat").length >= 2, "two heartbeats");
      expect(heard.filter((m) => m.instance === x.instanceId && m.kind !== "heartbeat")).toEqual([]);

      // Another instance speaks: it is welcomed, and hears the next rows.
      await say({ kind: "heartbeat", instance: "peer", seq: 1 });
      await until(() => fromX("welcome").some((m) => m.kind === "welcome" && m.to === "peer"), "peer welcomed");
      keystroke(onX, "alice", "b");
      await saved(onX);
      await until(() => fromX("rows").some((m) => m.kind === "rows" && m.documentId === documentId), "rows announced");

      // Silent past the presence timeout, it is forgotten: rows are no longer announced.
      await new Promise((resolve) => setTimeout(resolve, FAST.presenceTimeoutMs + 3 * FAST.heartbeatMs));
      const announced = fromX("rows").length;
      keystroke(onX, "alice", "c");
      await saved(onX);
      await until(() => fromX("heartbeat").length >= announced + 2, "more heartbeats");
      expect(fromX("rows").length).toBe(announced);

      // Rows another instance stored before it knew X: X reads them when welcomed, not before.
      await storeUnannounced(documentId, "before", "stored unannounced");
      await say({ kind: "heartbeat", instance: "late", seq: 1 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(paragraphText(watchX.doc, "before")).toBe("");
      await say({ kind: "welcome", to: x.instanceId, instance: "late", seq: 2 });
      await until(() => paragraphText(watchX.doc, "before") === "stored unannounced", "caught up on welcome");
      expect(paragraphText(watchX.doc, "alice")).toBe("abc");
    } finally {
      await x.close();
      await listener.end();
    }
  });

  it("Final, published while both instances hold sockets, turns all of them read-only; removing a rapporteur closes theirs on both", async () => {
    const { event, documentId, secretariat } = await setUp();
    const [alice, bruno] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "RAPPORTEUR")]);
    const aliceOnA = connect(a.port, documentId, alice.cookie);
    const aliceOnB = connect(b.port, documentId, alice.cookie);
    const brunoOnA = connect(a.port, documentId, bruno.cookie);
    const brunoOnB = connect(b.port, documentId, bruno.cookie);
    await synced(aliceOnA, aliceOnB, brunoOnA, brunoOnB);

    await removeMembership(secretariat, event.id, bruno.user.id);
    await until(() => brunoOnA.closed?.code === 4403 && brunoOnB.closed?.code === 4403, "Bruno closed on both instances");

    for (const kind of ["DAY3", "DAY4", "FINAL"] as const) await publishMilestone(event.id, kind, secretariat, new Date());
    await until(
      () => aliceOnA.rights?.mode === "read-only" && aliceOnB.rights?.mode === "read-only",
      "read-only on both instances",
    );
  });

  it("the per-user socket limit holds across instances: 30 upgrades split over two, exactly 20 sockets", async () => {
    const { event, documentId } = await setUp();
    const alice = await member(event.id, "RAPPORTEUR");
    const Socket = webSocketWithCookie(alice.cookie);
    const outcomes = await Promise.all(
      Array.from(
        { length: 30 },
        (_, i) =>
          new Promise<{ socket: WebSocket; open: boolean }>((resolve) => {
            const socket = new Socket(`ws://127.0.0.1:${i % 2 === 0 ? a.port : b.port}/${documentId}`);
            socket.once("open", () => resolve({ socket, open: true }));
            socket.once("unexpected-response", (_request, response) => {
              expect(response.statusCode).toBe(429);
              resolve({ socket, open: false });
            });
            socket.once("error", () => resolve({ socket, open: false }));
          }),
      ),
    );
    try {
      expect(outcomes.filter((o) => o.open)).toHaveLength(20);
    } finally {
      for (const { socket } of outcomes) socket.terminate();
    }
  });

  it("an audience arriving at once is let in by a few transactions, not one each", async () => {
    const { event, documentId } = await setUp();
    const walt = await member(event.id, "PARTICIPANT");
    const roomy = await startTestServer({ ...FAST, maxSocketsPerUser: 1000 });
    const Socket = webSocketWithCookie(walt.cookie);
    const sockets: WebSocket[] = [];
    try {
      const before = roomy.budget.transactions;
      const opened = await Promise.all(
        Array.from({ length: 300 }, () => {
          const socket = new Socket(`ws://127.0.0.1:${roomy.port}/${documentId}`);
          sockets.push(socket);
          return new Promise<boolean>((resolve) => {
            socket.once("open", () => resolve(true));
            socket.once("error", () => resolve(false));
          });
        }),
      );
      expect(opened.every(Boolean)).toBe(true);
      expect(roomy.budget.transactions - before).toBeLessThan(60);
      expect(await db().collabSocket.count({ where: { documentId, instanceId: roomy.instanceId } })).toBe(300);
    } finally {
      for (const socket of sockets) socket.terminate();
      await roomy.close();
    }
  });

  it("catches up from the log: a paused listener misses announcements, and after it the instance has every update, applied once", async () => {
    const { event, documentId } = await setUp();
    const [alice, walt] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "PARTICIPANT")]);
    const onA = connect(a.port, documentId, alice.cookie);
    const watchB = connect(b.port, documentId, walt.cookie);
    await synced(onA, watchB);
    keystroke(onA, "alice", "a");
    await until(() => paragraphText(watchB.doc, "alice") === "a", "first keystroke relayed");
    const relay = b.relay as unknown as { pause(): Promise<void>; resume(): Promise<void> };
    await relay.pause();
    for (const char of "bcdefgh") {
      keystroke(onA, "alice", char);
      await saved(onA);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(paragraphText(watchB.doc, "alice")).toBe("a");
    const rowsBefore = await db().documentUpdate.count({ where: { documentId } });
    await relay.resume();
    await until(() => paragraphText(watchB.doc, "alice") === "abcdefgh", "caught up after the pause");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Once: no character twice, and the instance that caught up stored nothing again.
    expect(paragraphText(watchB.doc, "alice")).toBe("abcdefgh");
    expect(paragraphText(b.rooms.get(documentId)!.doc, "alice")).toBe("abcdefgh");
    expect(await db().documentUpdate.count({ where: { documentId } })).toBe(rowsBefore);
  });

  it("reports readiness apart from liveness: not ready while it cannot hear the other instances", async () => {
    const ready = async () => (await fetch(`http://127.0.0.1:${b.port}/health/ready`)).status;
    const live = async () => (await fetch(`http://127.0.0.1:${b.port}/health/live`)).status;
    expect(await ready()).toBe(200);
    const body = (await (await fetch(`http://127.0.0.1:${b.port}/health`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ready: true, live: true, database: true, listener: true, instance: b.instanceId });
    // Anyone may ask: nothing about the load it carries.
    expect(body).not.toHaveProperty("rooms");
    expect(body).not.toHaveProperty("connections");
    const relay = b.relay as unknown as { pause(): Promise<void>; resume(): Promise<void> };
    await relay.pause();
    try {
      expect(await ready()).toBe(503);
      expect(await live()).toBe(200);
    } finally {
      await relay.resume();
    }
    expect(await ready()).toBe(200);
  });

  it("a compaction on one instance while the other serves the document loses nothing there", async () => {
    const { event, documentId } = await setUp();
    const [alice, walt] = await Promise.all([member(event.id, "RAPPORTEUR"), member(event.id, "PARTICIPANT")]);
    const onA = connect(a.port, documentId, alice.cookie);
    const watchB = connect(b.port, documentId, walt.cookie);
    await synced(onA, watchB);
    for (const char of "compact") {
      keystroke(onA, "alice", char);
      await saved(onA);
      await a.rooms.get(documentId)!.compact();
    }
    await until(() => paragraphText(watchB.doc, "alice") === "compact", "every keystroke on B despite compactions");
    expect(await readMetric(b.port, "rapporteur_collab_relayed_rows_total")).toBeGreaterThan(0);
  });
});

describe("instances come and go behind a load balancer", () => {
  let proxy: Awaited<ReturnType<typeof startRoundRobinProxy>>;
  let killed: ChildProcess;
  let killedPort: number;

  beforeAll(async () => {
    killedPort = await freePort();
    killed = await startServerProcess(process.env.DATABASE_URL!, killedPort, {
      COLLAB_HEARTBEAT_MS: "100",
      COLLAB_PRESENCE_TIMEOUT_MS: "1000",
    });
    // The process first, then the in-process instance: the first connection lands on the process.
    proxy = await startRoundRobinProxy([killedPort, b.port]);
  }, 60_000);
  afterAll(async () => {
    killed.kill("SIGKILL");
    await proxy.close();
  });

  it("an instance killed with SIGKILL: its presence leaves the other, its clients reconnect through the proxy, and every acknowledged edit is stored", async () => {
    const { event, documentId } = await setUp();
    const [alice, bruno, carla] = await Promise.all([
      member(event.id, "RAPPORTEUR"),
      member(event.id, "RAPPORTEUR"),
      member(event.id, "RAPPORTEUR"),
    ]);
    const viaProxy = connect(proxy.port, documentId, alice.cookie); // lands on the process
    await synced(viaProxy);
    const onB = connect(b.port, documentId, bruno.cookie);
    // Carla is on the process too, and does not come back after it dies.
    const carlaOnKilled = connect(killedPort, documentId, carla.cookie);
    await synced(onB, carlaOnKilled);
    carlaOnKilled.provider.awareness.setLocalStateField("cursor", 1);
    const carlaSeen = () =>
      [...onB.provider.awareness.getStates().values()].some(
        (s) => (s.user as { name?: string } | undefined)?.name === carla.user.name,
      );
    await until(carlaSeen, "Carla (on the process) seen on B");
    for (const char of "before") keystroke(viaProxy, "alice", char);
    await saved(viaProxy);
    await until(() => paragraphText(onB.doc, "alice") === "before", "relayed to B");

    carlaOnKilled.provider.shouldConnect = false;
    killed.kill("SIGKILL");
    // Typed while her instance is dead: not acknowledged until the provider is back, through the proxy, on B.
    for (const char of " after") keystroke(viaProxy, "alice", char);
    // Her presence lived on the killed instance: gone from B once that instance falls silent.
    await until(() => !carlaSeen(), "Carla's presence gone from B", 10_000);
    // The stock provider reconnects through the proxy, which skips the dead instance, and reaches "Saved".
    await until(() => viaProxy.provider.wsconnected && viaProxy.provider.synced, "reconnected through the proxy", 20_000);
    await saved(viaProxy);
    await until(() => paragraphText(onB.doc, "alice") === "before after", "the reconnected editor's edits reach B");
    expect(paragraphText(await loadDraft(documentId), "alice")).toBe("before after");
  }, 60_000);
});
