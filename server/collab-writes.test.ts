/** Durable writes (acknowledged means stored) and updates whose dependencies never arrive. */
import pg from "pg";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME, markDeletions } from "@/lib/collab/protocol";
import { textOf, until } from "./testing";
import { server, metric, setUp, member, connect, synced, typeInto, storedText, rawSocket, updateFrame } from "./collab-harness";

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
