import { describe, expect, it } from "vitest";
import { messageDocumentSchema as schema } from "./schema";
import { findMessage, messagePlainText, offsetToPosition, positionToOffset } from "./text";
import type { DocumentJson, MessageJson } from "./types";

// "Hi 🌍" <br> "café" (e + combining acute) | "end"
const message: MessageJson = {
  type: "message",
  attrs: { messageId: "m1" },
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Hi " },
        { type: "text", marks: [{ type: "bold" }], text: "🌍" },
        { type: "hardBreak" },
        { type: "text", text: "cafe\u0301" },
      ],
    },
    { type: "paragraph", content: [{ type: "text", text: "end" }] },
  ],
};
const docJson: DocumentJson = {
  type: "doc",
  content: [{ type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] }, message],
};
const doc = schema.nodeFromJSON(docJson);
const found = findMessage(doc, "m1")!;

describe("messagePlainText", () => {
  it("joins paragraphs and hard breaks with \\n, in UTF-16 units", () => {
    const text = messagePlainText(message);
    expect(text).toBe("Hi 🌍\ncafe\u0301\nend");
    expect(text.length).toBe(15); // emoji = 2 units, e + U+0301 = 2 units
    expect(text.indexOf("🌍")).toBe(3);
    expect(text.indexOf("end")).toBe(12);
    expect(messagePlainText(found.node)).toBe(text);
  });

  it("gives an empty string for a message with one empty paragraph", () => {
    expect(messagePlainText({ type: "message", attrs: { messageId: "x" }, content: [{ type: "paragraph" }] })).toBe("");
  });

  it("refuses other nodes", () => {
    expect(() => messagePlainText(doc)).toThrow(TypeError);
  });
});

describe("offsets and positions", () => {
  // heading "S" occupies 0..3; the message starts at 3, its first paragraph at 4
  // (text from 5), the second paragraph at 17 (text from 18).
  it("finds the message", () => {
    expect(found.pos).toBe(3);
  });

  it("maps offsets to positions", () => {
    const cases: [number, number][] = [
      [0, 5],
      [3, 8], // before the emoji
      [5, 10], // after the emoji, before the hard break
      [6, 11], // after the hard break
      [11, 16], // end of the first paragraph
      [12, 18], // after the paragraph separator: start of "end"
      [15, 21], // end of the text
    ];
    for (const [offset, pos] of cases) expect(offsetToPosition(found.node, found.pos, offset)).toBe(pos);
    expect(() => offsetToPosition(found.node, found.pos, 16)).toThrow(RangeError);
    expect(() => offsetToPosition(found.node, found.pos, -1)).toThrow(RangeError);
  });

  it("maps positions to offsets", () => {
    const cases: [number, number][] = [
      [4, 0], // inside the message, before the first paragraph
      [5, 0],
      [8, 3],
      [10, 5],
      [11, 6],
      [16, 11],
      [17, 12], // between the paragraphs: start of the next one
      [18, 12],
      [21, 15],
      [22, 15], // after the last paragraph
    ];
    for (const [pos, offset] of cases) expect(positionToOffset(found.node, found.pos, pos)).toBe(offset);
    expect(() => positionToOffset(found.node, found.pos, 3)).toThrow(RangeError);
    expect(() => positionToOffset(found.node, found.pos, 23)).toThrow(RangeError);
  });

  it("round-trips every offset, and the text between positions matches", () => {
    const text = messagePlainText(found.node);
    for (let offset = 0; offset <= text.length; offset++) {
      const pos = offsetToPosition(found.node, found.pos, offset);
      expect(positionToOffset(found.node, found.pos, pos)).toBe(offset);
    }
    const from = offsetToPosition(found.node, found.pos, 3);
    const to = offsetToPosition(found.node, found.pos, 14);
    expect(doc.textBetween(from, to, "\n", "\n")).toBe(text.slice(3, 14));
  });
});
