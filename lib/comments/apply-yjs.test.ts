import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { documentJsonToUpdate, yDocToDocumentJson } from "@/lib/documents";
import { amendmentTextOf } from "./amend";
import { applyAmendmentToYDoc } from "./apply-yjs";

const bold = (text: string) => ({ type: "text", text, marks: [{ type: "bold" }] });
const plain = (text: string) => ({ type: "text", text });

function ydocOf(...messages: { id: string; paragraphs: object[][] }[]) {
  const ydoc = new Y.Doc();
  Y.applyUpdate(
    ydoc,
    documentJsonToUpdate({
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s" }, content: [plain("S")] },
        ...messages.map((m) => ({
          type: "message",
          attrs: { messageId: m.id },
          content: m.paragraphs.map((runs) => ({ type: "paragraph", content: runs })),
        })),
      ],
    }),
  );
  return ydoc;
}

const message = (ydoc: Y.Doc, id: string) => {
  const node = (yDocToDocumentJson(ydoc).content ?? []).find((n) => n.type === "message" && n.attrs.messageId === id);
  return node && node.type === "message" ? node : null;
};

describe("an amendment applied to a Y.Doc", () => {
  it("makes the smallest edits: unchanged words keep their marks, concurrent typing elsewhere survives", () => {
    const ydoc = ydocOf({ id: "m", paragraphs: [[plain("Keep "), bold("this"), plain(" and change that.")]] });
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(ydoc));
    // Someone else types at the start meanwhile.
    const run = ((other.getXmlFragment("default").get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    run.insert(0, "Now: ");
    expect(applyAmendmentToYDoc(ydoc, { messageId: "m", text: "Keep this and fix that, today.", newMessage: false })).toBe("m");
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(other));
    const result = message(ydoc, "m")!;
    expect(amendmentTextOf(result)).toBe("Now: Keep this and fix that, today.");
    expect(result.content[0].content!.filter((n) => n.type === "text" && n.marks?.some((m) => m.type === "bold"))).toEqual([
      { type: "text", marks: [{ type: "bold" }], text: "this" },
    ]);
  });

  it("replaces the content when paragraphs or line breaks change, adds a new message once, and knows a gone message", () => {
    const ydoc = ydocOf({ id: "m", paragraphs: [[plain("One.")]] }, { id: "n", paragraphs: [[plain("Two.")]] });
    applyAmendmentToYDoc(ydoc, { messageId: "m", text: "First.\n\nSecond,\nwith a break.", newMessage: false });
    expect(amendmentTextOf(message(ydoc, "m")!)).toBe("First.\n\nSecond,\nwith a break.");
    applyAmendmentToYDoc(ydoc, { messageId: "n", text: "Two,\nbroken.", newMessage: false });
    expect(amendmentTextOf(message(ydoc, "n")!)).toBe("Two,\nbroken.");
    expect(applyAmendmentToYDoc(ydoc, { messageId: "m", text: "Between.", newMessage: true, newMessageId: "added01" })).toBe(
      "added01",
    );
    applyAmendmentToYDoc(ydoc, { messageId: "m", text: "Between.", newMessage: true, newMessageId: "added01" });
    const order = (yDocToDocumentJson(ydoc).content ?? []).flatMap((n) => (n.type === "message" ? [n.attrs.messageId] : []));
    expect(order).toEqual(["m", "added01", "n"]);
    expect(applyAmendmentToYDoc(ydoc, { messageId: "gone", text: "x", newMessage: false })).toBeNull();
  });
});
