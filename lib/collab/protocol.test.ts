import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { FRAME, covers, encodeRights, encodeStored, markDeletions, readRights, readStored } from "./protocol";

const vector = (entries: [number, number][]) => new Map(entries);

describe("covers (what 'Saved' means)", () => {
  it("holds when nothing was authored, whatever the vectors say", () => {
    expect(covers(vector([]), vector([[1, 10]]), [])).toBe(true);
  });

  it("holds when the stored clock of every authored client reaches the local one", () => {
    expect(covers(vector([[1, 10]]), vector([[1, 10]]), [1])).toBe(true);
    expect(covers(vector([[1, 12]]), vector([[1, 10]]), [1])).toBe(true);
  });

  it("fails when an authored client is ahead locally, or not stored at all", () => {
    expect(covers(vector([[1, 9]]), vector([[1, 10]]), [1])).toBe(false);
    expect(covers(vector([]), vector([[1, 1]]), [1])).toBe(false);
  });

  it("ignores clients this browser did not author", () => {
    // Client 2 (someone else) is far ahead locally: not our concern.
    expect(
      covers(
        vector([[1, 5]]),
        vector([
          [1, 5],
          [2, 40],
        ]),
        [1],
      ),
    ).toBe(true);
  });

  it("checks every authored client, including ids from an earlier page load", () => {
    const stored = vector([
      [1, 5],
      [7, 3],
    ]);
    expect(
      covers(
        stored,
        vector([
          [1, 5],
          [7, 3],
        ]),
        [1, 7],
      ),
    ).toBe(true);
    expect(
      covers(
        stored,
        vector([
          [1, 5],
          [7, 4],
        ]),
        [1, 7],
      ),
    ).toBe(false);
  });

  it("holds for an authored id that has no local edits (yet)", () => {
    expect(covers(vector([]), vector([]), [3])).toBe(true);
  });

  it("follows real Yjs documents: saving, then storing, an edit", () => {
    const browser = new Y.Doc();
    const server = new Y.Doc();
    const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
    const authored = [browser.clientID];

    browser.getText("t").insert(0, "hello");
    expect(covers(stateVector(server), stateVector(browser), authored)).toBe(false);

    Y.applyUpdate(server, Y.encodeStateAsUpdate(browser));
    expect(covers(stateVector(server), stateVector(browser), authored)).toBe(true);

    // Someone else's edit reaching the browser does not make it unsaved.
    const other = new Y.Doc();
    other.getText("t").insert(0, "x");
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(other));
    expect(covers(stateVector(server), stateVector(browser), authored)).toBe(true);

    browser.getText("t").insert(0, "!");
    expect(covers(stateVector(server), stateVector(browser), authored)).toBe(false);
  });

  it("cannot see a bare deletion, but sees one marked by markDeletions", () => {
    // Deleting adds to the delete set, not to the clock: without a mark,
    // "covers" holds before the deletion is stored.
    const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
    const bare = new Y.Doc();
    const server = new Y.Doc();
    bare.getText("t").insert(0, "hello");
    Y.applyUpdate(server, Y.encodeStateAsUpdate(bare));
    bare.getText("t").delete(0, 1);
    expect(covers(stateVector(server), stateVector(bare), [bare.clientID])).toBe(true);

    const browser = new Y.Doc();
    const stop = markDeletions(browser);
    const stored = new Y.Doc();
    browser.getText("t").insert(0, "hello");
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(browser));
    expect(covers(stateVector(stored), stateVector(browser), [browser.clientID])).toBe(true);
    // Someone else's deletion arriving is not this browser's to save.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(browser));
    other.getText("t").delete(4, 1);
    Y.applyUpdate(browser, Y.encodeStateAsUpdate(other));
    expect(covers(stateVector(stored), stateVector(browser), [browser.clientID])).toBe(true);
    // Its own deletion is unsaved until the stored state has it.
    browser.getText("t").delete(0, 1);
    expect(browser.getText("t").toString()).toBe("ell");
    expect(covers(stateVector(stored), stateVector(browser), [browser.clientID])).toBe(false);
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(browser, Y.encodeStateVector(stored)));
    expect(covers(stateVector(stored), stateVector(browser), [browser.clientID])).toBe(true);
    expect(stored.getText("t").toString()).toBe("ell");
    // A transaction that also inserts needs no mark: its clock moved already.
    const before = stateVector(browser).get(browser.clientID);
    browser.transact(() => {
      browser.getText("t").delete(0, 1);
      browser.getText("t").insert(0, "E");
    });
    expect(stateVector(browser).get(browser.clientID)).toBe(before! + 1);
    stop();
  });
});

describe("frames 100 and 101", () => {
  it("round-trips a stored state vector", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "abc");
    const frame = encodeStored(Y.encodeStateVector(doc));
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(FRAME.STORED);
    expect(Y.decodeStateVector(readStored(decoder))).toEqual(new Map([[doc.clientID, 3]]));
  });

  it("round-trips rights, and reads anything odd as read-only", () => {
    const decoder = decoding.createDecoder(encodeRights({ mode: "read-write", reason: "" }));
    expect(decoding.readVarUint(decoder)).toBe(FRAME.RIGHTS);
    expect(readRights(decoder)).toEqual({ mode: "read-write", reason: "" });
  });
});
