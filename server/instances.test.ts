/** Two collaboration instances on the one test database, talking through Postgres only: converging, acknowledging, presence, leaving, gaps, welcomes. */
import { describe, expect, it } from "vitest";
import pg from "pg";
import pino from "pino";
import { postgresRelay, RELAY_CHANNEL, type RelayEnvelope } from "@/lib/collab/relay";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { readMetric, startRoundRobinProxy, startTestServer, textOf, until } from "./testing";
import {
  a,
  b,
  FAST,
  setUp,
  member,
  connect,
  synced,
  keystroke,
  paragraphText,
  storeUnannounced,
  saved,
} from "./instances-harness";

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
});
