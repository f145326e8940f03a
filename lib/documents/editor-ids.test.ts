// @vitest-environment happy-dom
/**
 * The id plugin inside real EditorViews bound to Yjs with y-tiptap's sync
 * plugin (what Tiptap's Collaboration extension installs): concurrent splits
 * of one message on two replicas. happy-dom comes with @tiptap/html.
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { ySyncPlugin } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { collectIds, deriveId, messageIdsPlugin, normalizeYFragmentIds, yTypeSalt } from "./ids";
import { sanitizeDocumentJson } from "./sanitize";
import { messageDocumentSchema as schema } from "./schema";
import { documentFragment, documentJsonToUpdate, yDocToDocumentJson } from "./ydoc";

const p = (value: string) => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const views: EditorView[] = [];

function replica(update: Uint8Array, generate: () => string) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  const view = new EditorView(document.createElement("div"), {
    state: EditorState.create({
      schema,
      plugins: [ySyncPlugin(documentFragment(ydoc)), messageIdsPlugin({ generateId: generate })],
    }),
  });
  views.push(view);
  return { ydoc, view };
}

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const ids = (doc: ProseMirrorNode) => collectIds(doc).map((entry) => entry.id);

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

afterEach(() => {
  while (views.length) views.pop()!.destroy();
});

describe("id plugin with y-tiptap", () => {
  it("keeps ids unique and equal on both replicas after concurrent splits", async () => {
    const update = documentJsonToUpdate({
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] },
        { type: "message", attrs: { messageId: "m1" }, content: [p("one two three")] },
      ],
    });
    const a = replica(update, counter("a"));
    const b = replica(update, counter("b"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(ids(a.view.state.doc)).toEqual(["s1", "m1"]);

    // Text starts at 5 (heading 0..3, message at 3, paragraph at 4).
    a.view.dispatch(a.view.state.tr.split(5 + "one ".length, 2));
    b.view.dispatch(b.view.state.tr.split(5 + "one two ".length, 2));
    expect(ids(a.view.state.doc)).toEqual(["s1", "m1", "a1"]);
    expect(ids(b.view.state.doc)).toEqual(["s1", "m1", "b1"]);

    sync(a.ydoc, b.ydoc);
    const docA = a.view.state.doc;
    const docB = b.view.state.doc;
    const idsA = ids(docA);
    expect(new Set(idsA).size).toBe(idsA.length);
    expect(idsA[0]).toBe("s1");
    expect(idsA[1]).toBe("m1");
    expect(docA.toJSON()).toEqual(docB.toJSON());

    // The freeze (reading the Y.Doc) sees the same ids as the editors.
    const frozen = yDocToDocumentJson(a.ydoc);
    expect(frozen).toEqual(sanitizeDocumentJson(docA.toJSON()));
  });

  it("resolves a duplicate that arrives from another replica the same way everywhere", async () => {
    const update = documentJsonToUpdate({
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] },
        { type: "message", attrs: { messageId: "m1" }, content: [p("one two three")] },
      ],
    });
    // Both replicas hand out the same id locally: a conflict only the merge reveals.
    const a = replica(update, counter("x"));
    const b = replica(update, counter("x"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    a.view.dispatch(a.view.state.tr.split(5 + "one ".length, 2));
    b.view.dispatch(b.view.state.tr.split(5 + "one two ".length, 2));
    sync(a.ydoc, b.ydoc);

    const docA = a.view.state.doc;
    expect(docA.toJSON()).toEqual(b.view.state.doc.toJSON());
    const elements = documentFragment(a.ydoc).toArray() as Y.XmlElement[];
    const xs = elements.filter((element) => element.getAttribute("messageId") === "x1");
    expect(xs).toHaveLength(2); // still duplicated in Yjs: the editors fixed their view only
    expect(ids(docA)).toEqual(["s1", "m1", "x1", deriveId("x1", yTypeSalt(xs[1])!)]);
    // Reading the Y.Doc (the freeze) agrees with the editors, before and after writing the fix.
    expect(yDocToDocumentJson(a.ydoc)).toEqual(sanitizeDocumentJson(docA.toJSON()));
    // The server / freeze writes the fix; every replica converges on it.
    expect(normalizeYFragmentIds(documentFragment(a.ydoc))).toBe(1);
    expect(yDocToDocumentJson(a.ydoc)).toEqual(sanitizeDocumentJson(docA.toJSON()));
    sync(a.ydoc, b.ydoc);
    expect(a.view.state.doc.toJSON()).toEqual(docA.toJSON());
    expect(b.view.state.doc.toJSON()).toEqual(docA.toJSON());
    expect(normalizeYFragmentIds(documentFragment(b.ydoc))).toBe(0);
  });

  it("writes the view's fix into Yjs with the next local edit", async () => {
    const update = documentJsonToUpdate({
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] },
        { type: "message", attrs: { messageId: "m1" }, content: [p("one two three")] },
      ],
    });
    const a = replica(update, counter("x"));
    const b = replica(update, counter("x"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    a.view.dispatch(a.view.state.tr.split(5 + "one ".length, 2));
    b.view.dispatch(b.view.state.tr.split(5 + "one two ".length, 2));
    sync(a.ydoc, b.ydoc);
    const fixed = a.view.state.doc.toJSON();
    a.view.dispatch(a.view.state.tr.insertText("!", 5));
    const messageIds = (documentFragment(a.ydoc).toArray() as Y.XmlElement[])
      .filter((element) => element.nodeName === "message")
      .map((element) => element.getAttribute("messageId"));
    expect(messageIds).toEqual(ids(a.view.state.doc).slice(1));
    expect(new Set(messageIds).size).toBe(3);
    sync(a.ydoc, b.ydoc);
    expect(b.view.state.doc.toJSON()).toEqual(a.view.state.doc.toJSON());
    expect(ids(b.view.state.doc)).toEqual(ids(schema.nodeFromJSON(fixed)));
  });
});
