import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { deriveId, yTypeSalt } from "./ids";
import { sanitizeDocumentJson } from "./sanitize";
import { messageDocumentSchema } from "./schema";
import type { DocumentJson } from "./types";
import { documentFragment, documentJsonToUpdate, documentJsonToYDoc, updateToDocumentJson, yDocToDocumentJson } from "./ydoc";

const sample: DocumentJson = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "Introduction 🌍" }] },
    { type: "heading", attrs: { sectionId: "sec-safety" }, content: [{ type: "text", text: "Safety and Security Online" }] },
    {
      type: "message",
      attrs: { messageId: "msg-1" },
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Plain, " },
            { type: "text", marks: [{ type: "bold" }], text: "bold" },
            { type: "text", marks: [{ type: "bold" }, { type: "italic" }], text: " both" },
            { type: "hardBreak" },
            { type: "text", marks: [{ type: "link", attrs: { href: "https://www.intgovforum.org/" } }], text: "a link" },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "Second paragraph." }] },
      ],
    },
    { type: "message", attrs: { messageId: "msg-2" }, content: [{ type: "paragraph" }] },
    { type: "heading", attrs: { sectionId: "sec-empty" } },
  ],
};

describe("JSON ⇄ Y.Doc", () => {
  it("stores the content in the XmlFragment 'default'", () => {
    const ydoc = documentJsonToYDoc(sample);
    const fragment = ydoc.getXmlFragment("default");
    expect(fragment.length).toBe(5);
    const heading = fragment.get(1) as Y.XmlElement;
    expect(heading.nodeName).toBe("heading");
    expect(heading.getAttribute("sectionId")).toBe("sec-safety");
    expect((fragment.get(2) as Y.XmlElement).getAttribute("messageId")).toBe("msg-1");
  });

  it("round-trips JSON → Y.Doc → JSON, keeping ids, marks and hard breaks", () => {
    expect(yDocToDocumentJson(documentJsonToYDoc(sample))).toEqual(sample);
  });

  it("round-trips through a Yjs update", () => {
    const update = documentJsonToUpdate(sample);
    expect(update).toBeInstanceOf(Uint8Array);
    expect(updateToDocumentJson(update)).toEqual(sample);
  });

  it("round-trips the empty document", () => {
    expect(updateToDocumentJson(documentJsonToUpdate({ type: "doc" }))).toEqual({ type: "doc" });
    expect(updateToDocumentJson(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ type: "doc" });
  });

  it("reads what y-tiptap writes the way y-tiptap reads it", () => {
    const ydoc = prosemirrorJSONToYDoc(messageDocumentSchema, sample, "default");
    const theirs = sanitizeDocumentJson(yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment("default")));
    expect(yDocToDocumentJson(ydoc)).toEqual(theirs);
  });

  it("sanitizes on the way in and on the way out", () => {
    const dirty = {
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s" }, content: [{ type: "text", text: "S" }] },
        {
          type: "message",
          attrs: { messageId: "m" },
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", marks: [{ type: "link", attrs: { href: "javascript:x" } }], text: "x" }],
            },
          ],
        },
      ],
    };
    const clean = {
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s" }, content: [{ type: "text", text: "S" }] },
        { type: "message", attrs: { messageId: "m" }, content: [{ type: "paragraph", content: [{ type: "text", text: "x" }] }] },
      ],
    };
    expect(yDocToDocumentJson(documentJsonToYDoc(dirty))).toEqual(clean);

    // A client writes nodes outside the schema straight into the Y.Doc.
    const ydoc = documentJsonToYDoc(clean);
    const fragment = documentFragment(ydoc);
    const script = new Y.XmlElement("script");
    script.insert(0, [new Y.XmlText("alert(1)")]);
    const image = new Y.XmlElement("image");
    image.setAttribute("src", "https://x.example/i.png");
    const hook = new Y.XmlHook("custom");
    fragment.insert(1, [script, image, hook as unknown as Y.XmlElement]);
    const json = yDocToDocumentJson(ydoc);
    // The script's text survives as a message (it sits after a heading); the leaves are gone.
    expect(json.content).toHaveLength(3);
    expect(json.content?.[1]).toMatchObject({
      type: "message",
      content: [{ type: "paragraph", content: [{ type: "text", text: "alert(1)" }] }],
    });
    expect(json.content?.[2]).toEqual(clean.content[1]);
    // Reading is deterministic and does not modify the Y.Doc.
    expect(yDocToDocumentJson(ydoc)).toEqual(json);
    expect(fragment.length).toBe(5);
  });

  it("resolves duplicate ids with the Yjs item salt, first in document order keeps", () => {
    const ydoc = documentJsonToYDoc(sample);
    const fragment = documentFragment(ydoc);
    const copy = (fragment.get(2) as Y.XmlElement).clone();
    fragment.insert(3, [copy]);
    const json = yDocToDocumentJson(ydoc);
    const messageIds = json.content?.filter((node) => node.type === "message").map((node) => node.attrs.messageId);
    expect(messageIds).toEqual(["msg-1", deriveId("msg-1", yTypeSalt(fragment.get(3) as Y.XmlElement)!), "msg-2"]);
    expect((fragment.get(3) as Y.XmlElement).getAttribute("messageId")).toBe("msg-1"); // untouched
  });
});
