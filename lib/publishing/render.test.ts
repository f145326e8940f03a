import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { InlineJson } from "@/lib/documents";
import { canonicalJson, renderHtml, renderMarkdown, sha256Hex } from "@/lib/publishing/render";

// A small document written by hand; every expected output below is too.
const doc = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: 'Intro <b>& "quotes"' }] },
    { type: "heading", attrs: { level: 2, sectionId: "sec-a" }, content: [{ type: "text", text: "Safety # 1" }] },
    {
      type: "message",
      attrs: { messageId: "msg-one" },
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Read " },
            { type: "text", marks: [{ type: "link", attrs: { href: "https://example.org/a" } }], text: "this" },
            { type: "text", text: " *now*" },
          ],
        },
        {
          type: "paragraph",
          content: [
            { type: "text", marks: [{ type: "bold" }], text: "Second" },
            { type: "hardBreak" },
            { type: "text", text: "line" },
          ],
        },
      ],
    },
    { type: "heading", attrs: { level: 2, sectionId: "sec-b" }, content: [{ type: "text", text: "Other" }] },
    {
      type: "message",
      attrs: { messageId: "msg-two" },
      content: [
        {
          type: "paragraph",
          content: [{ type: "text", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }], text: "bad link" }],
        },
      ],
    },
  ],
};

describe("publication renderings", () => {
  it("renders HTML with escaping, numbering across sections and unsafe links dropped", () => {
    expect(renderHtml(doc)).toBe(
      [
        "<p>Intro &lt;b&gt;&amp; &quot;quotes&quot;</p>",
        '<h2 id="section-sec-a">Safety # 1</h2>',
        '<div class="message" id="message-msg-one"><span class="number">1.</span><p>Read <a href="https://example.org/a" rel="nofollow noopener">this</a> *now*</p><p><strong>Second</strong><br>line</p></div>',
        '<h2 id="section-sec-b">Other</h2>',
        '<div class="message" id="message-msg-two"><span class="number">2.</span><p>bad link</p></div>',
        "",
      ].join("\n"),
    );
  });

  it("renders Markdown with escaping and continued numbering", () => {
    expect(renderMarkdown(doc)).toBe(
      [
        'Intro \\<b\\>\\& "quotes"',
        "",
        "## Safety \\# 1",
        "",
        "1. Read [this](<https://example.org/a>) \\*now\\*",
        "",
        "   **Second**  ",
        "   line",
        "",
        "## Other",
        "",
        "2. bad link",
        "",
      ].join("\n"),
    );
  });

  it("serialises canonical JSON with sorted keys, whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: [{ z: "x", y: null }], c: "é" })).toBe('{"a":[{"y":null,"z":"x"}],"b":1,"c":"é"}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("hashes equal content equally and different content differently", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex(canonicalJson({ a: 1, b: 2 }))).toBe(sha256Hex(canonicalJson({ b: 2, a: 1 })));
    expect(sha256Hex(canonicalJson({ a: 1 }))).not.toBe(sha256Hex(canonicalJson({ a: 2 })));
  });
});

describe("Markdown export keeps a message's text as text", () => {
  const markdown = new MarkdownIt("commonmark");
  const message = (...paragraphs: (string | InlineJson[])[]) => ({
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2, sectionId: "s-1" }, content: [{ type: "text", text: "Section" }] },
      {
        type: "message",
        attrs: { messageId: "m-1" },
        content: paragraphs.map((p) => ({ type: "paragraph", content: typeof p === "string" ? [{ type: "text", text: p }] : p })),
      },
    ],
  });

  it.each([
    "= equals opens this message",
    "===",
    "# not a heading",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "2) not a list",
    "> not a quote",
    "---",
    "***",
    "___",
    "```fence",
    "~~~ fence",
    "    four spaces are not code",
    "\ta tab is not code",
    "<div>not html</div>",
    "[ref]: https://example.org",
    "| a | b |",
  ])("%j stays a paragraph of the numbered message, word for word", (text) => {
    const html = markdown.render(renderMarkdown(message(text)));
    const expected = markdown.utils.escapeHtml(text);
    expect(html).toBe(`<h2>Section</h2>\n<ol>\n<li>${expected}</li>\n</ol>\n`);
  });

  it("a line after a hard break that looks like a heading or setext underline stays text", () => {
    const html = markdown.render(
      renderMarkdown(message([{ type: "text", text: "First line" }, { type: "hardBreak" }, { type: "text", text: "===" }])),
    );
    expect(html).toBe("<h2>Section</h2>\n<ol>\n<li>First line<br />\n===</li>\n</ol>\n");
  });
});
