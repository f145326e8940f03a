/** Two collaboration instances on the one test database: Final, shared socket limits, audiences, catch-up, readiness, compaction, and instances behind a load balancer. */
import type { ChildProcess } from "node:child_process";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { removeMembership } from "@/lib/events/members";
import { publishMilestone } from "@/lib/publishing/publish";
import { freePort } from "@/lib/testing/global-setup";
import { readMetric, startRoundRobinProxy, startServerProcess, startTestServer, until, webSocketWithCookie } from "./testing";
import { a, b, FAST, setUp, member, connect, synced, keystroke, paragraphText, saved } from "./instances-harness";

describe("two collaboration instances on one database", () => {
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
