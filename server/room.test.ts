import pino from "pino";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME, SYNC } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { makeEvent, makeUser } from "@/lib/testing/factories";
import { createMetrics } from "./metrics";
import { Room, type UpdateOrigin } from "./room";
import { until } from "./testing";
import { SharedFrame } from "./wire";

/** A socket's stand-in: records what the room sends it (the payloads, and the shared frames as such). */
function socket(userId: string): UpdateOrigin & { frames: Uint8Array[]; shared: SharedFrame[] } {
  const frames: Uint8Array[] = [];
  const shared: SharedFrame[] = [];
  return {
    userId,
    frames,
    shared,
    authoredIds: new Set(),
    send(frame) {
      if (frame instanceof SharedFrame) shared.push(frame);
      frames.push(frame instanceof SharedFrame ? frame.payload : frame);
    },
    canWrite: () => true,
    close() {},
  };
}

const updatesIn = (frames: Uint8Array[]) =>
  frames.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== FRAME.SYNC || decoding.readVarUint(decoder) !== SYNC.UPDATE) return [];
    return [decoding.readVarUint8Array(decoder)];
  });

async function openRoom(compactAfter = 1000) {
  const event = await makeEvent(db());
  const user = await makeUser(db());
  const room = new Room(event.themes[0].document!.id, event.id, {
    metrics: createMetrics(),
    logger: pino({ level: "silent" }),
    compactAfter,
    maxDocumentBytes: 1 << 24,
  });
  await room.ready;
  // The update log records who wrote each edit.
  return { room, socket: () => socket(user.id) };
}

function edit(from: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  from.once("update", (u: Uint8Array) => (update = u));
  from.getText("t").insert(from.getText("t").length, text);
  return update!;
}

describe("a room's fan-out", () => {
  it("sends the edits of one event-loop turn as one merged frame, the same bytes to every socket", async () => {
    const { room, socket } = await openRoom();
    const [a, b, watcher, other] = [socket(), socket(), socket(), socket()];
    for (const s of [a, b, watcher, other]) room.connections.add(s);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    Y.applyUpdate(room.doc, edit(docA, "one "), a);
    Y.applyUpdate(room.doc, edit(docB, "two "), b);
    Y.applyUpdate(room.doc, edit(docA, "three"), a);
    expect(watcher.frames).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));

    const heard = updatesIn(watcher.frames);
    expect(heard).toHaveLength(1);
    expect(other.shared[0]).toBe(watcher.shared[0]);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, heard[0]);
    expect(replica.getText("t").toString()).toBe(room.doc.getText("t").toString());
    expect(replica.getText("t").length).toBe("one two three".length);

    // A turn holding one socket's edits only spares that socket its own echo.
    Y.applyUpdate(room.doc, edit(docB, "!"), b);
    // At the end of the turn, or a little later if the first fan-out was slow (see the next test).
    await until(() => updatesIn(watcher.frames).length === 2, "the next fan-out");
    expect(updatesIn(b.frames)).toHaveLength(1);
    await room.close();
  });

  it("a costly fan-out makes the next one wait as long as it took, carrying everything that came meanwhile in one frame", async () => {
    const { room, socket } = await openRoom();
    const [a, b, c] = [socket(), socket(), socket()];
    // A socket that takes 20 ms to write a frame: each fan-out costs about that much.
    const slow = socket();
    const heardAt: number[] = [];
    const send = slow.send.bind(slow);
    slow.send = (frame) => {
      const done = performance.now() + 20;
      while (performance.now() < done);
      send(frame);
      heardAt.push(performance.now());
    };
    for (const s of [a, b, c, slow]) room.connections.add(s);
    const [docA, docB, docC] = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(room.doc, edit(docA, "first "), a);
    await new Promise((resolve) => setImmediate(resolve));
    expect(updatesIn(slow.frames)).toHaveLength(1);

    Y.applyUpdate(room.doc, edit(docB, "second "), b);
    Y.applyUpdate(room.doc, edit(docC, "third"), c);
    await until(() => updatesIn(slow.frames).length === 2, "the paced fan-out");
    // Not at the end of this turn, as after a cheap fan-out (about 20 ms apart: the second frame's own
    // write), but 20 ms after the first fan-out ended, then 20 ms to write: about 40 ms apart.
    expect(heardAt[1] - heardAt[0]).toBeGreaterThanOrEqual(36);
    const replica = new Y.Doc();
    for (const update of updatesIn(slow.frames)) Y.applyUpdate(replica, update);
    expect(replica.getText("t").toString()).toBe(room.doc.getText("t").toString());
    expect(replica.getText("t").length).toBe("first second third".length);
    await room.close();
  });

  it("answers every new reader from one encoding of the document until it changes", async () => {
    const { room, socket } = await openRoom();
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = room.answerStep1(empty);
    expect(room.answerStep1(empty)).toBe(first);
    Y.applyUpdate(room.doc, edit(new Y.Doc(), "later"), socket());
    const second = room.answerStep1(empty);
    expect(second).not.toBe(first);
    const replica = new Y.Doc();
    const decoder = decoding.createDecoder(second);
    decoding.readVarUint(decoder);
    expect(decoding.readVarUint(decoder)).toBe(SYNC.STEP2);
    Y.applyUpdate(replica, decoding.readVarUint8Array(decoder));
    expect(Y.encodeStateAsUpdate(replica)).toEqual(Y.encodeStateAsUpdate(room.doc));
    await room.close();
  });
});

describe("a room's compaction", () => {
  const logRows = (room: Room) => db().documentUpdate.count({ where: { documentId: room.documentId } });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("waits for a quiet moment while people type, unless the log grows far past its limit", async () => {
    const { room, socket } = await openRoom(5);
    const writer = socket();
    room.connections.add(writer);
    const doc = new Y.Doc();
    // Typing without a pause of a second: past the limit, nothing is compacted yet.
    for (let i = 0; i < 8; i++) {
      Y.applyUpdate(room.doc, edit(doc, "x"), writer);
      await room.flushed();
      await sleep(150);
    }
    expect(await logRows(room)).toBe(8);
    // A quiet second: the log is merged.
    await sleep(1300);
    expect(await logRows(room)).toBe(0);

    // Ten times the limit is compacted at once, typing or not.
    for (let i = 0; i < 50; i++) {
      Y.applyUpdate(room.doc, edit(doc, "y"), writer);
      await room.flushed();
    }
    await sleep(300);
    expect(await logRows(room)).toBeLessThan(50);
    await room.close();
    const stored = await db().document.findUniqueOrThrow({ where: { id: room.documentId } });
    const replica = new Y.Doc();
    Y.applyUpdate(replica, stored.state);
    expect(replica.getText("t").toString()).toBe(doc.getText("t").toString());
  }, 30_000);
});
