import { EditorState } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { messageDocumentSchema as schema } from "@/lib/documents/schema";
import { findMessage } from "@/lib/documents/text";
import {
  amendmentDiff,
  amendmentParagraphs,
  amendmentTextOf,
  appliedDisposition,
  applyAmendment,
  normalizeAmendment,
} from "./amend";

const doc = (...messages: { id: string; paragraphs: (string | { bold: string })[][] }[]) =>
  schema.nodeFromJSON({
    type: "doc",
    content: [
      { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] },
      ...messages.map((m) => ({
        type: "message",
        attrs: { messageId: m.id },
        content: m.paragraphs.map((runs) => ({
          type: "paragraph",
          content: runs.map((r) =>
            typeof r === "string" ? { type: "text", text: r } : { type: "text", text: r.bold, marks: [{ type: "bold" }] },
          ),
        })),
      })),
    ],
  });

const text = (state: EditorState, id: string) => amendmentTextOf(findMessage(state.doc, id)!.node);

describe("amendments", () => {
  it("are plain text: paragraphs separated by a blank line", () => {
    expect(amendmentParagraphs("One.\r\n\r\n\n  \nTwo,\nstill two.\n\n")).toEqual(["One.", "Two,\nstill two."]);
    const state = EditorState.create({ doc: doc({ id: "m1", paragraphs: [["One ", { bold: "bold" }, "."], ["Two."]] }) });
    expect(text(state, "m1")).toBe("One bold.\n\nTwo.");
    expect(normalizeAmendment("  One   bold. \n\n\nTwo. ")).toBe("One bold.\n\nTwo.");
  });

  it("show their words against the version's text, and against a draft that has changed since", () => {
    const version = "Data should serve people.";
    const proposal = "Data must serve all people.";
    expect(amendmentDiff(version, proposal)).toEqual([
      { text: "Data ", change: "same" },
      { text: "should", change: "removed" },
      { text: "must", change: "added" },
      { text: " serve ", change: "same" },
      { text: "all ", change: "added" },
      { text: "people.", change: "same" },
    ]);
    // The draft already says "must": against it, only "all" is new.
    const draft = "Data must serve people, everywhere.";
    const parts = amendmentDiff(draft, proposal);
    const removed = parts
      .filter((p) => p.change === "removed")
      .map((p) => p.text)
      .join("");
    const added = parts
      .filter((p) => p.change === "added")
      .map((p) => p.text)
      .join("");
    expect(removed).toContain("everywhere");
    expect(removed).not.toContain("must");
    expect(added).toContain("all");
    expect(added).not.toContain("must");
    // Both diffs rebuild their texts.
    expect(
      parts
        .filter((p) => p.change !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(draft);
    expect(
      parts
        .filter((p) => p.change !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(proposal);
  });

  it("are incorporated when applied as proposed, partly incorporated when changed first", () => {
    expect(appliedDisposition("Data must serve people.", "Data must serve people.")).toBe("INCORPORATED");
    expect(appliedDisposition("Data must serve people.", "  Data  must serve people.\n\n")).toBe("INCORPORATED");
    expect(appliedDisposition("Data must serve people.", "Data must serve everyone.")).toBe("PARTLY_INCORPORATED");
    expect(appliedDisposition("One.\n\nTwo.", "One. Two.")).toBe("PARTLY_INCORPORATED");
  });

  it("are applied with the smallest edits: unchanged words keep their marks, the other messages are untouched", () => {
    const state = EditorState.create({
      doc: doc(
        { id: "m1", paragraphs: [["Keep ", { bold: "this" }, " and change that."]] },
        { id: "m2", paragraphs: [["Other."]] },
      ),
    });
    const result = applyAmendment(state, { messageId: "m1", text: "Keep this and fix that, now.", newMessage: false })!;
    const next = state.apply(result.tr);
    expect(text(next, "m1")).toBe("Keep this and fix that, now.");
    expect(text(next, "m2")).toBe("Other.");
    const bold: string[] = [];
    findMessage(next.doc, "m1")!.node.descendants((n) => {
      if (n.isText && n.marks.some((m) => m.type.name === "bold")) bold.push(n.text!);
    });
    expect(bold).toEqual(["this"]);
    // A different number of paragraphs replaces the message's content; line breaks become hard breaks.
    const split = state.apply(
      applyAmendment(state, { messageId: "m1", text: "First part.\n\nSecond,\nwith a break.", newMessage: false })!.tr,
    );
    expect(text(split, "m1")).toBe("First part.\n\nSecond,\nwith a break.");
    expect(findMessage(split.doc, "m1")!.node.childCount).toBe(2);
  });

  it("add a new message after the one they were proposed on, or at the end when it is gone", () => {
    const state = EditorState.create({ doc: doc({ id: "m1", paragraphs: [["One."]] }, { id: "m2", paragraphs: [["Two."]] }) });
    const added = applyAmendment(state, { messageId: "m1", text: "Between.", newMessage: true })!;
    const next = state.apply(added.tr);
    const order: string[] = [];
    next.doc.forEach((n) => {
      if (n.type.name === "message") order.push(String(n.attrs.messageId));
    });
    expect(order).toEqual(["m1", added.messageId, "m2"]);
    expect(text(next, added.messageId)).toBe("Between.");
    const atEnd = applyAmendment(state, { messageId: "gone", text: "Last.", newMessage: true })!;
    expect(state.apply(atEnd.tr).doc.lastChild!.attrs.messageId).toBe(atEnd.messageId);
    // With the id derived from the amendment, applying it twice adds the message once.
    const once = state.apply(
      applyAmendment(state, { messageId: "m1", text: "Once.", newMessage: true, newMessageId: "derived1" })!.tr,
    );
    const twice = applyAmendment(once, { messageId: "m1", text: "Once.", newMessage: true, newMessageId: "derived1" })!;
    expect(twice.tr.docChanged).toBe(false);
    // New wording for a message that is gone cannot be applied.
    expect(applyAmendment(state, { messageId: "gone", text: "x", newMessage: false })).toBeNull();
  });
});
