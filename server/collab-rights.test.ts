/** Rights that change while a socket is open, loading before sync, and frames that close only their own socket. */
import pg from "pg";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { removeMembership, updateMembership } from "@/lib/events/members";
import { signOutEverywhere } from "@/lib/accounts/accounts";
import { endSession } from "@/lib/auth/revoke";
import { decode } from "next-auth/jwt";
import { FRAME } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { connectClient, sessionCookie, TEST_SECRET, startTestServer, textOf, until, webSocketWithCookie } from "./testing";
import {
  clients,
  metric,
  setUp,
  member,
  connect,
  synced,
  typeInto,
  storedText,
  rawSocket,
  updateFrame,
  docWith,
} from "./collab-harness";

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
