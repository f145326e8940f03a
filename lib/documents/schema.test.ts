import { generateHTML } from "@tiptap/html";
import { describe, expect, it } from "vitest";
import { messageDocumentExtensions, messageDocumentSchema as schema } from "./schema";

const heading = (sectionId: string, title = "Section") => ({
  type: "heading",
  attrs: { sectionId },
  content: [{ type: "text", text: title }],
});
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const message = (messageId: string, ...texts: string[]) => ({
  type: "message",
  attrs: { messageId },
  content: texts.map(paragraph),
});

function accepts(json: unknown): boolean {
  try {
    schema.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

describe("schema", () => {
  it("has exactly the allowed node and mark types", () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(["doc", "hardBreak", "heading", "message", "paragraph", "text"]);
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "italic", "link"]);
    expect(Object.keys(schema.nodes.heading.spec.attrs ?? {})).toEqual(["sectionId"]);
    expect(Object.keys(schema.nodes.message.spec.attrs ?? {})).toEqual(["messageId", "sources"]);
    expect(Object.keys(schema.marks.link.spec.attrs ?? {})).toEqual(["href"]);
  });

  it("accepts introduction paragraphs, then sections of messages", () => {
    expect(accepts({ type: "doc" })).toBe(true);
    expect(
      accepts({
        type: "doc",
        content: [
          paragraph("Intro"),
          paragraph("More intro"),
          heading("s1"),
          message("m1", "One", "Two"),
          message("m2", "Three"),
          heading("s2"),
          heading("s3"),
          message("m3", "Four"),
        ],
      }),
    ).toBe(true);
  });

  it("accepts bold, italic, links and hard breaks in paragraphs", () => {
    expect(
      accepts({
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              { type: "text", marks: [{ type: "bold" }, { type: "italic" }], text: "a" },
              { type: "hardBreak" },
              { type: "text", marks: [{ type: "link", attrs: { href: "https://igf.example" } }], text: "b" },
            ],
          },
        ],
      }),
    ).toBe(true);
  });

  it("rejects what the structure forbids", () => {
    // a message before the first heading
    expect(accepts({ type: "doc", content: [message("m1", "x")] })).toBe(false);
    // a paragraph after a heading, outside a message
    expect(accepts({ type: "doc", content: [heading("s1"), paragraph("x")] })).toBe(false);
    // an empty message
    expect(accepts({ type: "doc", content: [heading("s1"), { type: "message", attrs: { messageId: "m" } }] })).toBe(false);
    // a heading inside a message
    expect(
      accepts({
        type: "doc",
        content: [heading("s1"), { type: "message", attrs: { messageId: "m" }, content: [heading("s2")] }],
      }),
    ).toBe(false);
    // marks and hard breaks in a heading
    expect(
      accepts({
        type: "doc",
        content: [
          { type: "heading", attrs: { sectionId: "s" }, content: [{ type: "text", marks: [{ type: "bold" }], text: "x" }] },
        ],
      }),
    ).toBe(false);
    expect(
      accepts({ type: "doc", content: [{ type: "heading", attrs: { sectionId: "s" }, content: [{ type: "hardBreak" }] }] }),
    ).toBe(false);
  });

  it("rejects unknown node and mark types", () => {
    expect(accepts({ type: "doc", content: [{ type: "bulletList", content: [] }] })).toBe(false);
    expect(
      accepts({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", marks: [{ type: "code" }], text: "x" }] }],
      }),
    ).toBe(false);
  });

  it("renders ids as data attributes and refuses unsafe hrefs in HTML", () => {
    const html = generateHTML(
      {
        type: "doc",
        content: [
          paragraph("Intro"),
          heading("s1", "Safety"),
          {
            type: "message",
            attrs: { messageId: "m1" },
            content: [
              {
                type: "paragraph",
                content: [
                  { type: "text", marks: [{ type: "bold" }], text: "Bold" },
                  { type: "hardBreak" },
                  { type: "text", marks: [{ type: "link", attrs: { href: "https://example.org/a" } }], text: "ok" },
                  { type: "text", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }], text: "bad" },
                ],
              },
            ],
          },
        ],
      },
      messageDocumentExtensions,
    );
    expect(html).toBe(
      "<p>Intro</p>" +
        '<h2 data-section-id="s1">Safety</h2>' +
        '<div data-type="message" class="message" data-message-id="m1"><p><strong>Bold</strong><br>' +
        '<a rel="noopener noreferrer nofollow" href="https://example.org/a">ok</a>' +
        '<a rel="noopener noreferrer nofollow" href="">bad</a></p></div>',
    );
  });
});
