import { describe, expect, it } from "vitest";
import { buildDocument, text } from "./build";
import { seededIdGenerator } from "./ids";
import { documentOutline } from "./outline";
import { messageDocumentSchema } from "./schema";

describe("documentOutline", () => {
  const doc = buildDocument({
    introduction: ["First intro.", "Second\nintro."],
    sections: [
      {
        sectionId: "s1",
        title: "Safety",
        messages: [
          { messageId: "m1", paragraphs: ["One."] },
          { messageId: "m2", paragraphs: ["Two, first.", [text("Two, "), text("second", { bold: true }), text(".")]] },
        ],
      },
      { sectionId: "s2", title: "Empty", messages: [] },
      { sectionId: "s3", title: "Capacity", messages: [{ messageId: "m3", paragraphs: ["Three 🌍."] }] },
    ],
  });

  it("lists introduction, sections and messages numbered across the document", () => {
    expect(documentOutline(doc)).toEqual({
      introduction: ["First intro.", "Second\nintro."],
      sections: [
        {
          sectionId: "s1",
          title: "Safety",
          messages: [
            { messageId: "m1", number: 1, text: "One.", sources: null },
            { messageId: "m2", number: 2, text: "Two, first.\nTwo, second.", sources: null },
          ],
        },
        { sectionId: "s2", title: "Empty", messages: [] },
        { sectionId: "s3", title: "Capacity", messages: [{ messageId: "m3", number: 3, text: "Three 🌍.", sources: null }] },
      ],
    });
  });

  it("accepts a ProseMirror node and refuses an invalid document", () => {
    expect(documentOutline(messageDocumentSchema.nodeFromJSON(doc))).toEqual(documentOutline(doc));
    expect(() =>
      documentOutline({
        type: "doc",
        content: [{ type: "message", attrs: { messageId: "x" }, content: [{ type: "paragraph" }] }],
      }),
    ).toThrow();
  });

  it("builds documents with reproducible ids from a seeded generator", () => {
    const spec = { sections: [{ title: "S", messages: ["a", "b"] }] };
    const first = buildDocument(spec, { generateId: seededIdGenerator("demo") });
    const again = buildDocument(spec, { generateId: seededIdGenerator("demo") });
    expect(first).toEqual(again);
    const outline = documentOutline(first);
    expect(new Set([outline.sections[0].sectionId, ...outline.sections[0].messages.map((m) => m.messageId)]).size).toBe(3);
  });
});
