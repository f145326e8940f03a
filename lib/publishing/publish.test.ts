import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { canonicalJson, sha256Hex } from "@/lib/publishing/render";
import { publishMilestone } from "@/lib/publishing/publish";
import { publishDue } from "@/lib/publishing/scheduler";
import type { CollabServer } from "@/server/collab-server";
import {
  connectClient,
  readMetric,
  sessionCookie,
  startServerProcess,
  startTestServer,
  until,
  type TestClient,
} from "@/server/testing";
import { DateTime } from "luxon";
import { setMilestone } from "@/lib/events/milestones";
import { freePort } from "@/lib/testing/global-setup";

const root = path.resolve(import.meta.dirname, "../..");
let server: CollabServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await server.close();
});

async function editing() {
  const event = await makeEvent(db(), { themes: ["One", "Two"] });
  const user = await makeUser(db());
  await addMember(db(), user.id, event.id, "RAPPORTEUR");
  const client = connectClient(server.port, event.themes[0].document!.id, await sessionCookie(user));
  clients.push(client);
  await until(() => client.provider.synced, "synced");
  return { event, user, client };
}

function type(client: TestClient, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  const message = new Y.XmlElement("message");
  message.setAttribute("messageId", `m${Math.random().toString(36).slice(2, 10)}`);
  message.insert(0, [paragraph]);
  const fragment = client.doc.getXmlFragment("default");
  fragment.insert(fragment.length, [message]);
}

const covered = (client: TestClient) =>
  (client.stored.get(client.doc.clientID) ?? 0) >=
  (Y.decodeStateVector(Y.encodeStateVector(client.doc)).get(client.doc.clientID) ?? 0);

describe("publishing a milestone", () => {
  it("freezes every theme document once, with an acknowledged edit in it, and in order", async () => {
    const { event, user, client } = await editing();
    await expect(publishMilestone(event.id, "DAY4", user)).rejects.toThrow("Day 3 must be published before Day 4.");
    type(client, "acknowledged just before");
    await until(() => covered(client), "frame 100 covers the edit");

    const result = await publishMilestone(event.id, "DAY3", user);
    expect(result.published).toBe(true);
    expect(result.versions).toHaveLength(2);
    const version = await db().version.findFirstOrThrow({ where: { documentId: event.themes[0].document!.id } });
    expect(version).toMatchObject({ number: 1, label: "Day 3 draft", publisherName: user.name });
    expect(version.html).toContain("acknowledged just before");
    expect(version.markdown).toContain("acknowledged just before");
    expect(version.sha256).toBe(sha256Hex(version.canonicalJson));
    expect(canonicalJson(JSON.parse(version.canonicalJson))).toBe(version.canonicalJson);

    expect((await publishMilestone(event.id, "DAY3", user)).published).toBe(false);
    expect(await db().version.count({ where: { milestone: { eventId: event.id } } })).toBe(2);
    const day3 = await db().milestone.findFirstOrThrow({ where: { eventId: event.id, kind: "DAY3" } });
    expect(await db().auditEvent.count({ where: { eventId: event.id, action: "milestone.publish" } })).toBe(1);
    expect(day3.publishedAt).not.toBeNull();
  });

  it("Final locks the documents: an update that reaches the store after it is refused, and its author is told", async () => {
    const { event, user, client } = await editing();
    await publishMilestone(event.id, "DAY3", user);
    await publishMilestone(event.id, "DAY4", user);
    const documentId = event.themes[0].document!.id;
    const before = await db().documentUpdate.count({ where: { documentId } });
    const refusedBefore = await readMetric(server.port, "rapporteur_collab_updates_refused_total");

    // The edit is received and waits for the update log while Final commits.
    const locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await locker.connect();
    await locker.query("begin");
    await locker.query(`lock table "DocumentUpdate" in share mode`);
    type(client, "lost the race");
    await until(() => server.rooms.get(documentId)?.hasUnstoredUpdates() === true, "insert waiting");
    const final = await publishMilestone(event.id, "FINAL", user);
    await locker.query("rollback");
    await locker.end();

    expect(final.published).toBe(true);
    expect((await db().document.findUniqueOrThrow({ where: { id: documentId } })).locked).toBe(true);
    await until(
      async () => (await readMetric(server.port, "rapporteur_collab_updates_refused_total")) > refusedBefore,
      "update refused",
    );
    expect(await db().documentUpdate.count({ where: { documentId } })).toBe(before);
    // Its copy holds text the Final version lacks: the server tells it to reload (4409), and it never saw it stored.
    await until(() => client.closed?.code === 4409, "editor told: reload");
    expect(covered(client)).toBe(false);
    const version = await db().version.findFirstOrThrow({ where: { documentId, label: "Final" } });
    expect(version.html).not.toContain("lost the race");

    // Connecting again, it is read-only, and a crafted update from it changes nothing.
    const again = connectClient(server.port, documentId, await sessionCookie(user));
    clients.push(again);
    await until(() => again.provider.synced, "reconnected");
    await until(() => again.rights?.mode === "read-only", "told: read-only");
    expect(again.rights?.reason).toMatch(/final/i);
    expect(again.doc.getXmlFragment("default").toString()).not.toContain("lost the race");
    const refusedFrames = await readMetric(server.port, "rapporteur_collab_frames_refused_total");
    type(again, "after final");
    await until(
      async () => (await readMetric(server.port, "rapporteur_collab_frames_refused_total")) > refusedFrames,
      "update refused",
    );
    expect(await db().documentUpdate.count({ where: { documentId } })).toBe(before);
  });

  it("publishes a milestone that fell due while nothing ran, keeping both times", async () => {
    const event = await makeEvent(db());
    const due = new Date(Date.now() - 3600_000);
    await db().milestone.updateMany({ where: { eventId: event.id, kind: "DAY3" }, data: { dueAt: due } });
    expect(await publishDue()).toBeGreaterThanOrEqual(1);
    const day3 = await db().milestone.findFirstOrThrow({ where: { eventId: event.id, kind: "DAY3" } });
    expect(day3.publishedDueAt?.toISOString()).toBe(due.toISOString());
    expect(day3.publishedAt!.getTime()).toBeGreaterThan(due.getTime());
    expect(await db().version.count({ where: { milestoneId: day3.id } })).toBe(1);
  });

  it("publishes by itself when a rescheduled milestone falls due (timer re-armed by NOTIFY)", async () => {
    const event = await makeEvent(db());
    const secretariat = await makeUser(db());
    const port = await freePort();
    const serverProcess = await startServerProcess(process.env.DATABASE_URL!, port);
    try {
      const due = DateTime.now().setZone(event.timeZone).plus({ seconds: 3 });
      await setMilestone(secretariat, event, "day-3", { local: due.toFormat("yyyy-MM-dd'T'HH:mm:ss") });
      await until(
        async () => (await db().milestone.findFirstOrThrow({ where: { eventId: event.id, kind: "DAY3" } })).publishedAt !== null,
        "Day 3 published on schedule",
        30_000,
      );
      const version = await db().version.findFirstOrThrow({ where: { milestone: { eventId: event.id, kind: "DAY3" } } });
      expect(version.publisherName).toBe("schedule");
    } finally {
      serverProcess.kill("SIGTERM");
    }
  }, 60_000);

  it("two processes publishing the same milestone at once create one set of versions", async () => {
    const event = await makeEvent(db(), { themes: ["One", "Two", "Three"] });
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "scripts/publish.ts", event.slug, "day-3"], {
          cwd: root,
          env: { ...process.env, LOG_LEVEL: "silent" },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (c) => (out += c));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
      });
    const outputs = await Promise.all([run(), run()]);
    const published = outputs.map((o) => JSON.parse(o).published).sort();
    expect(published).toEqual([false, true]);
    expect(await db().version.count({ where: { milestone: { eventId: event.id } } })).toBe(3);
  }, 60_000);
});
