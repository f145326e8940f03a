import { Fragment, Slice, type Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  collectIds,
  deriveId,
  fixDocumentIds,
  generateId,
  isValidId,
  messageIdsPlugin,
  normalizeYFragmentIds,
  planIds,
  seededIdGenerator,
  yTypeSalt,
} from "./ids";
import { messageDocumentSchema as schema } from "./schema";
import type { DocumentJson } from "./types";
import { documentFragment, documentJsonToYDoc, yDocToDocumentJson } from "./ydoc";

function counter(prefix = "new") {
  let n = 0;
  return () => `${prefix}${++n}`;
}
const p = (value: string) => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const h = (sectionId: string, title: string) => ({
  type: "heading",
  attrs: { sectionId },
  content: [{ type: "text", text: title }],
});
const m = (messageId: string, ...values: string[]) => ({ type: "message", attrs: { messageId }, content: values.map(p) });

describe("id generation", () => {
  it("makes 12-character lowercase alphanumeric ids starting with a letter", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = generateId();
      expect(id).toMatch(/^[a-z][a-z0-9]{11}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
  });

  it("derives the same id from the same inputs, and different ids otherwise", () => {
    expect(deriveId("m1", "#1")).toBe(deriveId("m1", "#1"));
    expect(deriveId("m1", "#1")).toMatch(/^[a-z][a-z0-9]{11}$/);
    expect(deriveId("m1", "#1")).not.toBe(deriveId("m1", "#2"));
    expect(deriveId("m1", "#1")).not.toBe(deriveId("m2", "#1"));
    const seeded = seededIdGenerator("x");
    const again = seededIdGenerator("x");
    expect([seeded(), seeded()]).toEqual([again(), again()]);
  });

  it("validates ids", () => {
    expect(isValidId("abc-DEF_123")).toBe(true);
    expect(isValidId("")).toBe(false);
    expect(isValidId("a b")).toBe(false);
    expect(isValidId("x".repeat(65))).toBe(false);
    expect(isValidId(7)).toBe(false);
  });
});

describe("planIds", () => {
  it("keeps the first occurrence, derives the others, fills missing ones", () => {
    expect(planIds([{ id: "a" }, { id: "b" }, { id: "a" }, { id: null }, { id: "a" }], { generateId: counter() })).toEqual([
      null,
      null,
      deriveId("a", "#1"),
      "new1",
      deriveId("a", "#2"),
    ]);
  });

  it("lets a preferred occurrence keep the id", () => {
    expect(planIds([{ id: "a" }, { id: "a", preferred: true }])).toEqual([deriveId("a", "#1"), null]);
  });

  it("uses salts when given, for duplicates and missing ids", () => {
    expect(
      planIds([
        { id: "a", salt: "1.0" },
        { id: "a", salt: "7.3" },
        { id: undefined, salt: "7.9" },
      ]),
    ).toEqual([null, deriveId("a", "7.3"), deriveId("new", "7.9")]);
  });

  it("is deterministic for missing ids on request", () => {
    expect(planIds([{ id: null }, { id: null }], { deterministic: true })).toEqual([
      deriveId("new", "@1"),
      deriveId("new", "@2"),
    ]);
  });

  it("fixes ids of a document JSON, sections and messages sharing one namespace", () => {
    const doc = { type: "doc", content: [p("i"), h("x", "S"), m("x", "a"), m("y", "b")] } as DocumentJson;
    expect(fixDocumentIds(doc)).toEqual({
      type: "doc",
      content: [p("i"), h("x", "S"), m(deriveId("x", "#1"), "a"), m("y", "b")],
    });
  });
});

// ---------------------------------------------------------------------------
// The editor plugin, on EditorState (no view needed).

function editorState(json: unknown, generate = counter()) {
  return EditorState.create({
    schema,
    doc: schema.nodeFromJSON(json),
    plugins: [messageIdsPlugin({ generateId: generate })],
  });
}
const ids = (doc: ProseMirrorNode) => collectIds(doc).map((entry) => entry.id);
const texts = (doc: ProseMirrorNode) => collectIds(doc).map((entry) => doc.nodeAt(entry.pos)!.textContent);

describe("messageIdsPlugin", () => {
  const base = { type: "doc", content: [h("s1", "S"), m("m1", "first half second half"), m("m2", "other")] };

  it("split: the first half keeps the id, the second gets a new one", () => {
    const state = editorState(base);
    // heading 0..3, message m1 at 3, its paragraph at 4, text from 5.
    const splitAt = 5 + "first half ".length;
    const next = state.apply(state.tr.split(splitAt, 2));
    expect(texts(next.doc)).toEqual(["S", "first half ", "second half", "other"]);
    expect(ids(next.doc)).toEqual(["s1", "m1", "new1", "m2"]);
  });

  it("copy-paste above the original: the original keeps its id, the copy gets a new one", () => {
    const state = editorState(base);
    const copy = state.doc.nodeAt(3)!; // message m1
    const next = state.apply(state.tr.replace(3, 3, new Slice(Fragment.from(copy), 0, 0)));
    expect(texts(next.doc)).toEqual(["S", "first half second half", "first half second half", "other"]);
    expect(ids(next.doc)).toEqual(["s1", "new1", "m1", "m2"]);
  });

  it("copy-paste below the original: the copy gets a new id", () => {
    const state = editorState(base);
    const copy = state.doc.nodeAt(3)!;
    const end = state.doc.content.size;
    const next = state.apply(state.tr.insert(end, copy));
    expect(ids(next.doc)).toEqual(["s1", "m1", "m2", "new1"]);
  });

  it("cut-and-paste keeps the id", () => {
    const state = editorState(base);
    const message = state.doc.nodeAt(3)!;
    const cut = state.apply(state.tr.delete(3, 3 + message.nodeSize));
    expect(ids(cut.doc)).toEqual(["s1", "m2"]);
    const pasted = cut.apply(cut.tr.insert(cut.doc.content.size, message));
    expect(ids(pasted.doc)).toEqual(["s1", "m2", "m1"]);
  });

  it("assigns ids to new nodes created without one", () => {
    const state = editorState(base);
    const fresh = schema.nodes.message.create(null, schema.nodes.paragraph.create(null, schema.text("new")));
    const next = state.apply(state.tr.insert(state.doc.content.size, fresh));
    expect(ids(next.doc)).toEqual(["s1", "m1", "m2", "new1"]);
  });

  it("leaves documents without problems alone", () => {
    const state = editorState(base);
    const tr = state.tr.insertText("x", 5);
    const next = state.apply(tr);
    expect(next.doc.eq(tr.doc)).toBe(true);
  });

  it("remote changes: first in document order keeps, derived ids that two replicas agree on, outside history", () => {
    const merged = schema.nodeFromJSON({
      type: "doc",
      content: [h("s1", "S"), m("m1", "a"), m("m2", "b"), m("m2", "c"), m("m2", "d")],
    });
    const results = [editorState(base, counter("r")), editorState(base, counter("q"))].map((state) => {
      const tr = state.tr
        .replaceWith(0, state.doc.content.size, merged.content)
        .setMeta(ySyncPluginKey, { isChangeOrigin: true });
      const { state: next, transactions } = state.applyTransaction(tr);
      expect(transactions).toHaveLength(2);
      expect(transactions[1].getMeta("addToHistory")).toBe(false);
      return ids(next.doc);
    });
    expect(results[0]).toEqual(["s1", "m1", "m2", deriveId("m2", "#1"), deriveId("m2", "#2")]);
    expect(results[1]).toEqual(results[0]);
  });
});

// ---------------------------------------------------------------------------
// Yjs: concurrent splits on two replicas.

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("normalizeYFragmentIds", () => {
  it("resolves a duplicate from concurrent edits identically on every replica", () => {
    const a = documentJsonToYDoc({ type: "doc", content: [h("s1", "S"), m("m1", "a")] });
    const b = new Y.Doc();
    sync(a, b);
    // Both replicas add a message carrying the same (copied) id "m2" at the same time.
    for (const [replica, label] of [
      [a, "from a"],
      [b, "from b"],
    ] as const) {
      const element = new Y.XmlElement("message");
      element.setAttribute("messageId", "m2");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(label)]);
      element.insert(0, [paragraph]);
      documentFragment(replica).push([element]);
    }
    sync(a, b);
    const before = yDocToDocumentJson(a);
    expect(before).toEqual(yDocToDocumentJson(b));

    // Each replica fixes independently; the fixes are equal values.
    expect(normalizeYFragmentIds(documentFragment(a))).toBe(1);
    expect(normalizeYFragmentIds(documentFragment(b))).toBe(1);
    sync(a, b);
    const after = yDocToDocumentJson(a);
    expect(after).toEqual(yDocToDocumentJson(b));
    // Reading before the fix already gave the ids the fix writes.
    expect(after).toEqual(before);

    const elements = documentFragment(a).toArray() as Y.XmlElement[];
    expect(elements.map((element) => element.getAttribute(element.nodeName === "heading" ? "sectionId" : "messageId"))).toEqual([
      "s1",
      "m1",
      "m2",
      deriveId("m2", yTypeSalt(elements[3])!),
    ]);
    expect(normalizeYFragmentIds(documentFragment(a))).toBe(0);
  });
});
