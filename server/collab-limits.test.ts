/** Liveness and limits, the race with Final, and acknowledgements whose cost does not grow with the room. */
import pg from "pg";
import WebSocket from "ws";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME, covers } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { connectClient, readMetric, startTestServer, textOf, until, webSocketWithCookie, type TestClient } from "./testing";
import { server, clients, setUp, member, connect, synced, typeInto, storedText } from "./collab-harness";

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
