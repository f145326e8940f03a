// @vitest-environment happy-dom
/**
 * A message's sources ("drawn from") through the id rules: split, merge,
 * concurrent edits on two replicas bound to Yjs, the Y.Doc reader the freeze
 * uses, and the sanitiser with and without a catalogue.
 */
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { ySyncPlugin } from "@tiptap/y-tiptap";
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { messageIdsPlugin, normalizeYFragmentIds } from "./ids";
import { sanitizeDocumentJson } from "./sanitize";
import { messageDocumentSchema as schema } from "./schema";
import { addSource, catalogOf, formatSources, parseSources, removeSource, sanitizeSources } from "./sources";
import { documentFragment, documentJsonToUpdate, yDocToDocumentJson } from "./ydoc";

const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";
const GONE = "99999999-9999-4999-8999-999999999999";

const p = (value: string) => ({ type: "paragraph", content: [{ type: "text", text: value }] });
const heading = { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] };
const message = (messageId: string, text: string, sources?: string) => ({
  type: "message",
  attrs: sources === undefined ? { messageId } : { messageId, sources },
  content: [p(text)],
});

const views: EditorView[] = [];
afterEach(() => {
  while (views.length) views.pop()!.destroy();
});

function replica(update: Uint8Array, prefix: string) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, update);
  let n = 0;
  const view = new EditorView(document.createElement("div"), {
    state: EditorState.create({
      schema,
      plugins: [ySyncPlugin(documentFragment(ydoc)), messageIdsPlugin({ generateId: () => `${prefix}${++n}` })],
    }),
  });
  views.push(view);
  return { ydoc, view };
}

const messagesOf = (json: { content?: unknown[] }) =>
  (json.content ?? [])
    .filter((node) => (node as { type: string }).type === "message")
    .map((node) => (node as { attrs: { messageId: string; sources?: string | null } }).attrs)
    .map((attrs) => ({ id: attrs.messageId, sources: attrs.sources ?? null }));

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("the sources attribute", () => {
  it("is a list of session and session/item tokens, each once, malformed ones dropped", () => {
    expect(parseSources(`${S1} ${S2}/rabcd1234 ${S1} nonsense ${S2}/BAD ${S2}/x/y`)).toEqual([
      { session: S1 },
      { session: S2, item: "rabcd1234" },
    ]);
    expect(parseSources(42)).toEqual([]);
    expect(formatSources([])).toBeNull();
    expect(addSource(null, { session: S1 })).toBe(S1);
    expect(addSource(S1, { session: S1 })).toBe(S1);
    expect(addSource(S1, { session: S2, item: "rabcd1234" })).toBe(`${S1} ${S2}/rabcd1234`);
    expect(removeSource(`${S1} ${S2}`, { session: S1 })).toBe(S2);
    expect(removeSource(S1, { session: S1 })).toBeNull();
  });

  it("is sanitised to sessions and items that exist", () => {
    const catalog = catalogOf([
      { id: S1, items: ["rkept0001"] },
      { id: S2, items: [] },
    ]);
    expect(sanitizeSources(`${GONE} ${S1}/rkept0001 ${S2}/rgone0001 ${GONE}/rkept0001`, catalog)).toBe(`${S1}/rkept0001 ${S2}`);
    // An unknown item of a session cited anyway collapses into that one citation.
    expect(sanitizeSources(`${S2} ${S2}/rgone0001`, catalog)).toBe(S2);
    expect(sanitizeSources(`${GONE}`, catalog)).toBeNull();

    const doc = sanitizeDocumentJson(
      { type: "doc", content: [heading, message("m1", "one", `${GONE} ${S1}`), message("m2", "two", GONE)] },
      { sources: catalog },
    );
    expect(messagesOf(doc)).toEqual([
      { id: "m1", sources: S1 },
      { id: "m2", sources: null },
    ]);
    // A message that cites nothing has no key at all in JSON.
    expect((doc.content![2] as { attrs: object }).attrs).toEqual({ messageId: "m2" });
  });

  it("goes to a copy only as a new message without sources (the id rules)", () => {
    const doc = sanitizeDocumentJson({
      type: "doc",
      content: [heading, message("m1", "one", S1), message("m1", "copy", S1)],
    });
    const [original, copy] = messagesOf(doc);
    expect(original).toEqual({ id: "m1", sources: S1 });
    expect(copy.id).not.toBe("m1");
    expect(copy.sources).toBeNull();
  });

  it("survives Yjs and the reader the freeze uses", () => {
    const update = documentJsonToUpdate({ type: "doc", content: [heading, message("m1", "one", `${S1} ${S2}/rabcd1234`)] });
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, update);
    expect(messagesOf(yDocToDocumentJson(ydoc))).toEqual([{ id: "m1", sources: `${S1} ${S2}/rabcd1234` }]);
    expect(messagesOf(yDocToDocumentJson(ydoc, { sources: catalogOf([{ id: S1, items: [] }]) }))).toEqual([
      { id: "m1", sources: S1 },
    ]);
  });

  it("stays on the first half of a split, and the second half starts without", async () => {
    const a = replica(documentJsonToUpdate({ type: "doc", content: [heading, message("m1", "one two", S1)] }), "a");
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Text starts at 5 (heading 0..3, message at 3, paragraph at 4).
    a.view.dispatch(a.view.state.tr.split(5 + "one ".length, 2));
    expect(messagesOf(a.view.state.doc.toJSON())).toEqual([
      { id: "m1", sources: S1 },
      { id: "a1", sources: null },
    ]);
    // What the editor wrote to Yjs is what the freeze reads.
    expect(messagesOf(yDocToDocumentJson(a.ydoc))).toEqual(messagesOf(a.view.state.doc.toJSON()));
  });

  it("of a merge are those of the message that keeps its id", async () => {
    const a = replica(
      documentJsonToUpdate({ type: "doc", content: [heading, message("m1", "one", S1), message("m2", "two", S2)] }),
      "a",
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    const boundary = a.view.state.doc.child(0).nodeSize + a.view.state.doc.child(1).nodeSize;
    a.view.dispatch(a.view.state.tr.join(boundary));
    expect(messagesOf(a.view.state.doc.toJSON())).toEqual([{ id: "m1", sources: S1 }]);
    expect(messagesOf(yDocToDocumentJson(a.ydoc))).toEqual([{ id: "m1", sources: S1 }]);
  });

  it("converges when one rapporteur attaches a source while another splits and edits the message", async () => {
    const update = documentJsonToUpdate({ type: "doc", content: [heading, message("m1", "one two three", S1)] });
    const a = replica(update, "a");
    const b = replica(update, "b");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const messagePos = a.view.state.doc.child(0).nodeSize;
    a.view.dispatch(a.view.state.tr.setNodeAttribute(messagePos, "sources", addSource(S1, { session: S2, item: "rabcd1234" })));
    b.view.dispatch(b.view.state.tr.insertText("!", 5));
    b.view.dispatch(b.view.state.tr.split(5 + "!one ".length, 2));
    sync(a.ydoc, b.ydoc);
    const expected = [
      { id: "m1", sources: `${S1} ${S2}/rabcd1234` },
      { id: "b1", sources: null },
    ];
    expect(messagesOf(a.view.state.doc.toJSON())).toEqual(expected);
    expect(messagesOf(b.view.state.doc.toJSON())).toEqual(expected);
    expect(messagesOf(yDocToDocumentJson(a.ydoc))).toEqual(expected);
    expect(a.view.state.doc.textContent).toBe(b.view.state.doc.textContent);
  });

  it("leaves a duplicate that arrives from another replica without sources, everywhere alike", async () => {
    const update = documentJsonToUpdate({ type: "doc", content: [heading, message("m1", "one two three", S1)] });
    const a = replica(update, "x");
    const b = replica(update, "x");
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Raw splits copy every attribute, sources included, and both sides name the copy "x1".
    a.view.dispatch(
      a.view.state.tr.split(5 + "one ".length, 2, [{ type: schema.nodes.message, attrs: { messageId: "x1", sources: S2 } }]),
    );
    b.view.dispatch(
      b.view.state.tr.split(5 + "one two ".length, 2, [{ type: schema.nodes.message, attrs: { messageId: "x1", sources: S2 } }]),
    );
    sync(a.ydoc, b.ydoc);
    const seen = messagesOf(a.view.state.doc.toJSON());
    expect(messagesOf(b.view.state.doc.toJSON())).toEqual(seen);
    expect(seen.map((m) => m.sources)).toEqual([S1, S2, null]);
    expect(messagesOf(yDocToDocumentJson(a.ydoc))).toEqual(seen);
    // The server writes the fix into Yjs: the same outcome.
    expect(normalizeYFragmentIds(documentFragment(a.ydoc))).toBe(1);
    expect(messagesOf(yDocToDocumentJson(a.ydoc))).toEqual(seen);
    const elements = documentFragment(a.ydoc).toArray() as Y.XmlElement[];
    expect(elements.filter((e) => e.getAttribute("sources") === S2)).toHaveLength(1);
  });
});
