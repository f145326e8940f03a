import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createLiveAnchor, resolveLiveAnchor, yMessageTexts } from "@/lib/comments/anchors";
import { documentFragment, documentJsonToYDoc } from "@/lib/documents/ydoc";

const MESSAGE_ID = "msg-aaaaaaaa";

function docWith(paragraphs: unknown[][]): Y.Doc {
  return documentJsonToYDoc({
    type: "doc",
    content: [
      {
        type: "message",
        attrs: { messageId: MESSAGE_ID },
        content: paragraphs.map((content) => ({ type: "paragraph", content })),
      },
    ],
  });
}

const text = (t: string) => ({ type: "text", text: t });

/** The Y.XmlText runs of the first message's paragraphs. */
function messageElement(ydoc: Y.Doc): Y.XmlElement {
  return documentFragment(ydoc)
    .toArray()
    .find((c) => c instanceof Y.XmlElement && c.nodeName === "message") as Y.XmlElement;
}

function runs(ydoc: Y.Doc): Y.XmlText[] {
  return messageElement(ydoc)
    .toArray()
    .flatMap((p) => (p as Y.XmlElement).toArray())
    .filter((c): c is Y.XmlText => c instanceof Y.XmlText);
}

/** A second replica of the same document, as another user's browser has it. */
function replica(ydoc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
  return other;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe("live-draft anchors", () => {
  const sentence = "Protect the data and share the data.";
  const second = sentence.lastIndexOf("the data"); // 27

  it("stays on the second of two equal phrases while text is inserted before it", () => {
    const a = docWith([[text(sentence)]]);
    const anchor = createLiveAnchor(a, MESSAGE_ID, second, second + "the data".length);
    runs(a)[0].insert(0, "We must ");
    expect(resolveLiveAnchor(a, anchor)).toEqual({
      messageId: MESSAGE_ID,
      start: second + 8,
      end: second + 16,
      text: "the data",
    });
  });

  it("grows with text typed inside, and not with text typed just before or just after", () => {
    const a = docWith([[text(sentence)]]);
    const anchor = createLiveAnchor(a, MESSAGE_ID, second, second + 8);
    const run = runs(a)[0];
    run.insert(second + 8, "!"); // right after the last quoted character
    run.insert(second, "all "); // right before the first
    run.insert(second + 4 + 4, "personal "); // inside: "the personal data"
    expect(resolveLiveAnchor(a, anchor)?.text).toBe("the personal data");
    expect(yMessageTexts(a).get(MESSAGE_ID)).toBe("Protect the data and share all the personal data!.");
  });

  it("follows concurrent inserts and deletes from two replicas, and after a reload", () => {
    const a = docWith([[text(sentence)]]);
    const b = replica(a);
    const anchor = createLiveAnchor(a, MESSAGE_ID, second, second + 8);
    // Concurrently: A deletes "Protect " at the start, B types inside the range and deletes " and".
    runs(a)[0].delete(0, 8);
    runs(b)[0].insert(second + 3, " shared");
    runs(b)[0].delete(16, 4);
    sync(a, b);
    const expected = "the shared data";
    expect(resolveLiveAnchor(a, anchor)?.text).toBe(expected);
    expect(resolveLiveAnchor(b, anchor)).toEqual(resolveLiveAnchor(a, anchor));
    const reloaded = replica(b);
    expect(resolveLiveAnchor(reloaded, anchor)).toEqual(resolveLiveAnchor(a, anchor));
    expect(yMessageTexts(reloaded).get(MESSAGE_ID)).toBe("the data share the shared data.");
  });

  it("shrinks when part of the words are deleted and says so when all are gone", () => {
    const a = docWith([[text(sentence)]]);
    const anchor = createLiveAnchor(a, MESSAGE_ID, second, second + 8);
    runs(a)[0].delete(second, 4); // "the "
    expect(resolveLiveAnchor(a, anchor)).toMatchObject({ start: second, end: second + 4, text: "data" });
    runs(a)[0].delete(second, 4);
    expect(resolveLiveAnchor(a, anchor)).toBeNull();
  });

  it("spans paragraphs and hard breaks with the offsets of messagePlainText", () => {
    const a = docWith([[text("One"), { type: "hardBreak" }, text("two")], [text("Three")]]);
    expect(yMessageTexts(a).get(MESSAGE_ID)).toBe("One\ntwo\nThree");
    const anchor = createLiveAnchor(a, MESSAGE_ID, 2, 10);
    expect(resolveLiveAnchor(a, anchor)).toMatchObject({ start: 2, end: 10, text: "e\ntwo\nTh" });
    runs(a)[0].insert(0, "Zero ");
    expect(resolveLiveAnchor(a, anchor)).toMatchObject({ start: 7, end: 15, text: "e\ntwo\nTh" });
  });

  it("reports the words as gone when their message is deleted", () => {
    const a = docWith([[text(sentence)]]);
    const anchor = createLiveAnchor(a, MESSAGE_ID, 0, 7);
    const fragment = documentFragment(a);
    fragment.delete(fragment.toArray().indexOf(messageElement(a)), 1);
    expect(resolveLiveAnchor(a, anchor)).toBeNull();
  });

  it("refuses ranges outside the message, empty ranges and unknown messages", () => {
    const a = docWith([[text("Short")]]);
    expect(() => createLiveAnchor(a, MESSAGE_ID, 2, 2)).toThrow(RangeError);
    expect(() => createLiveAnchor(a, MESSAGE_ID, 0, 6)).toThrow(RangeError);
    expect(() => createLiveAnchor(a, "msg-zzzzzzzz", 0, 1)).toThrow(RangeError);
    expect(resolveLiveAnchor(a, { start: new Uint8Array([255, 1]), end: new Uint8Array() })).toBeNull();
  });
});
