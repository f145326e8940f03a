import { describe, expect, it } from "vitest";
import { deriveId } from "./ids";
import { normalizeHref } from "./links";
import { MAX_DEPTH, isValidDocumentJson, sanitizeDocumentJson } from "./sanitize";

function counter(prefix = "new") {
  let n = 0;
  return () => `${prefix}${++n}`;
}
const text = (value: string) => ({ type: "text", text: value });
const p = (value: string) => ({ type: "paragraph", content: [text(value)] });
const h = (sectionId: string | null, title: string) => ({ type: "heading", attrs: { sectionId }, content: [text(title)] });
const m = (messageId: string | null, ...values: string[]) => ({
  type: "message",
  attrs: { messageId },
  content: values.map(p),
});

describe("sanitizeDocumentJson: garbage in", () => {
  it("returns an empty document for anything unreadable", () => {
    for (const input of [null, undefined, 42, "doc", {}, { type: 7 }, { content: [] }]) {
      expect(sanitizeDocumentJson(input)).toEqual({ type: "doc" });
    }
  });

  it("takes an array as the content and a single node as the only child", () => {
    expect(sanitizeDocumentJson([p("a")])).toEqual({ type: "doc", content: [p("a")] });
    expect(sanitizeDocumentJson(p("a"))).toEqual({ type: "doc", content: [p("a")] });
  });

  it("ignores malformed fields instead of failing", () => {
    expect(
      sanitizeDocumentJson({
        type: "doc",
        content: [
          { type: "paragraph", content: "nope", attrs: [1], marks: 3 },
          { type: "paragraph", content: [{ type: "text", text: 5 }, { type: "text", text: "ok", marks: "x" }, 9, null] },
        ],
      }),
    ).toEqual({ type: "doc", content: [{ type: "paragraph" }, p("ok")] });
  });
});

describe("sanitizeDocumentJson: unknown nodes and marks", () => {
  it("unwraps unknown containers, keeping their text, and drops unknown leaves", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [
        { type: "blockquote", content: [p("quoted")] },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [p("one")] },
            { type: "listItem", content: [p("two")] },
          ],
        },
        { type: "codeBlock", content: [text("code")] },
        { type: "horizontalRule" },
        { type: "image", attrs: { src: "https://x.example/i.png" } },
        {
          type: "paragraph",
          content: [text("a "), { type: "mention", attrs: { label: "who" } }, { type: "span", content: [text("b")] }],
        },
      ],
    });
    expect(out).toEqual({
      type: "doc",
      content: [p("quoted"), p("one"), p("two"), p("code"), p("a b")],
    });
  });

  it("drops unknown marks and duplicate marks", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            {
              type: "text",
              text: "x",
              marks: [{ type: "underline" }, { type: "italic" }, { type: "code" }, { type: "italic" }, { type: "bold" }],
            },
          ],
        },
      ],
    });
    expect(out).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", marks: [{ type: "bold" }, { type: "italic" }], text: "x" }] }],
    });
  });

  it("keeps http, https and mailto links and removes every other link (not the text)", () => {
    const hrefs = [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "\u0001javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "ftp://files.example",
      "/relative/path",
      "example.org",
      "https://",
      "",
      42,
    ];
    const out = sanitizeDocumentJson({
      type: "doc",
      content: hrefs.map((href) => ({
        type: "paragraph",
        content: [{ type: "text", text: "t", marks: [{ type: "link", attrs: { href } }] }],
      })),
    });
    expect(out.content).toEqual(hrefs.map(() => p("t")));

    const link = (href: string) => ({
      type: "paragraph",
      content: [{ type: "text", marks: [{ type: "link", attrs: { href } }], text: "t" }],
    });
    const kept = sanitizeDocumentJson({
      type: "doc",
      content: [link("https://www.intgovforum.org/"), link("http://example.org"), link("mailto:igf@example.org")],
    });
    expect(kept.content).toEqual([
      link("https://www.intgovforum.org/"),
      link("http://example.org"),
      link("mailto:igf@example.org"),
    ]);
  });

  it("normalizes hrefs the way a browser reads them", () => {
    expect(normalizeHref("  https://example.org/a b ")).toBe("https://example.org/a%20b");
    expect(normalizeHref("https://example.org/\n")).toBe("https://example.org/");
    expect(normalizeHref("HTTPS://Example.org")).toBe("HTTPS://Example.org");
    expect(normalizeHref("mailto:someone@example.org?subject=IGF")).toBe("mailto:someone@example.org?subject=IGF");
    expect(normalizeHref("https://example.org/" + "a".repeat(5000))).toBeNull();
  });
});

describe("sanitizeDocumentJson: text", () => {
  it("turns line breaks into hard breaks and removes control characters", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [{ type: "paragraph", content: [text("a\r\nb\rc\nd\u0000e\u0007\tf")] }],
    });
    expect(out).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            text("a"),
            { type: "hardBreak" },
            text("b"),
            { type: "hardBreak" },
            text("c"),
            { type: "hardBreak" },
            text("de\tf"),
          ],
        },
      ],
    });
  });

  it("replaces lone surrogates, keeps pairs, drops empty text", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [{ type: "paragraph", content: [text("\uD83C"), text(""), text("🌍x\uDF0D")] }],
    });
    expect(out).toEqual({ type: "doc", content: [p("\uFFFD🌍x\uFFFD")] });
  });

  it("keeps headings as plain text", () => {
    const out = sanitizeDocumentJson(
      {
        type: "doc",
        content: [
          {
            type: "heading",
            attrs: { level: 3, sectionId: "s1" },
            content: [
              { type: "text", marks: [{ type: "bold" }], text: "Policy" },
              { type: "hardBreak" },
              text("and\nCooperation"),
            ],
          },
        ],
      },
      { generateId: counter() },
    );
    expect(out).toEqual({ type: "doc", content: [h("s1", "Policy and Cooperation")] });
  });
});

describe("sanitizeDocumentJson: structure", () => {
  it("wraps stray text in paragraphs, skipping whitespace-only runs", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [
        text("loose "),
        { type: "text", marks: [{ type: "italic" }], text: "words" },
        text("\n  "),
        p("para"),
        text("  "),
      ],
    });
    expect(out).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            text("loose "),
            { type: "text", marks: [{ type: "italic" }], text: "words" },
            { type: "hardBreak" },
            text("  "),
          ],
        },
        p("para"),
      ],
    });
  });

  it("gives messages before the first heading an untitled section", () => {
    const out = sanitizeDocumentJson(
      { type: "doc", content: [p("intro"), m("m1", "x"), h("s1", "S"), m("m2", "y")] },
      { generateId: counter() },
    );
    expect(out).toEqual({
      type: "doc",
      content: [p("intro"), { type: "heading", attrs: { sectionId: "new1" } }, m("m1", "x"), h("s1", "S"), m("m2", "y")],
    });
  });

  it("wraps paragraphs outside messages after a heading into one new message per run", () => {
    const out = sanitizeDocumentJson(
      { type: "doc", content: [h("s1", "S"), p("a"), p("b"), m("m1", "x"), p("c")] },
      { generateId: counter() },
    );
    expect(out).toEqual({
      type: "doc",
      content: [h("s1", "S"), m("new1", "a", "b"), m("m1", "x"), m("new2", "c")],
    });
  });

  it("flattens message content to paragraphs and fills empty messages", () => {
    const out = sanitizeDocumentJson(
      {
        type: "doc",
        content: [
          h("s1", "S"),
          {
            type: "message",
            attrs: { messageId: "m1" },
            content: [text("inline"), h(null, "inner heading"), m("m9", "nested"), { type: "bulletList", content: [p("item")] }],
          },
          { type: "message", attrs: { messageId: "m2" } },
        ],
      },
      { generateId: counter() },
    );
    expect(out).toEqual({
      type: "doc",
      content: [
        h("s1", "S"),
        m("m1", "inline", "inner heading", "nested", "item"),
        { type: "message", attrs: { messageId: "m2" }, content: [{ type: "paragraph" }] },
      ],
    });
  });

  it("drops attributes that are not in the schema", () => {
    const out = sanitizeDocumentJson({
      type: "doc",
      content: [{ type: "paragraph", attrs: { textAlign: "center", class: "x" }, content: [text("a")] }],
    });
    expect(out).toEqual({ type: "doc", content: [p("a")] });
  });

  it("ignores nesting beyond MAX_DEPTH without overflowing the stack", () => {
    let deep: unknown = p("deep");
    for (let i = 0; i < MAX_DEPTH + 50; i++) deep = { type: "wrapper", content: [deep] };
    expect(sanitizeDocumentJson({ type: "doc", content: [p("top"), deep] })).toEqual({ type: "doc", content: [p("top")] });
    let veryDeep: unknown = p("x");
    for (let i = 0; i < 100_000; i++) veryDeep = { type: "wrapper", content: [veryDeep] };
    expect(() => sanitizeDocumentJson(veryDeep)).not.toThrow();
  });
});

describe("sanitizeDocumentJson: ids", () => {
  it("assigns missing and malformed ids", () => {
    const out = sanitizeDocumentJson(
      {
        type: "doc",
        content: [
          { type: "heading", content: [text("S")] },
          m(null, "a"),
          { type: "message", attrs: { messageId: "has space" }, content: [p("b")] },
          { type: "message", attrs: { messageId: 12 }, content: [p("c")] },
        ],
      },
      { generateId: counter() },
    );
    expect(out).toEqual({ type: "doc", content: [h("new1", "S"), m("new2", "a"), m("new3", "b"), m("new4", "c")] });
  });

  it("resolves duplicates: the first in document order keeps, later ones get derived ids", () => {
    const input = {
      type: "doc",
      content: [h("s1", "S"), m("m1", "a"), m("m1", "b"), h("m1", "T"), m("m1", "c")],
    };
    const expected = {
      type: "doc",
      content: [
        h("s1", "S"),
        m("m1", "a"),
        m(deriveId("m1", "#1"), "b"),
        h(deriveId("m1", "#2"), "T"),
        m(deriveId("m1", "#3"), "c"),
      ],
    };
    expect(sanitizeDocumentJson(input)).toEqual(expected);
    // Same input, same result: replicas agree.
    expect(sanitizeDocumentJson(input)).toEqual(expected);
  });

  it("never derives an id that is already present", () => {
    const taken = deriveId("m1", "#1");
    const out = sanitizeDocumentJson({ type: "doc", content: [h("s1", "S"), m("m1", "a"), m("m1", "b"), m(taken, "c")] });
    expect(out.content?.map((node) => (node.type === "message" ? node.attrs.messageId : null))).toEqual([
      null,
      "m1",
      deriveId("m1", "#1/1"),
      taken,
    ]);
  });
});

describe("sanitizeDocumentJson: stability", () => {
  it("returns a valid document unchanged, and is idempotent", () => {
    const valid = {
      type: "doc",
      content: [
        p("intro"),
        h("s1", "S"),
        {
          type: "message",
          attrs: { messageId: "m1" },
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", marks: [{ type: "link", attrs: { href: "https://example.org" } }, { type: "bold" }], text: "a" },
                { type: "hardBreak" },
                text("b"),
              ],
            },
            { type: "paragraph" },
          ],
        },
      ],
    };
    expect(sanitizeDocumentJson(valid)).toEqual(valid);
    expect(isValidDocumentJson(valid)).toBe(true);
    const messy = { type: "doc", content: [m("m1", "x"), p("y"), { type: "image" }] };
    expect(isValidDocumentJson(messy)).toBe(false);
    const once = sanitizeDocumentJson(messy);
    expect(sanitizeDocumentJson(once)).toEqual(once);
  });

  it("merges adjacent text with equal marks", () => {
    expect(sanitizeDocumentJson({ type: "doc", content: [{ type: "paragraph", content: [text("a"), text("b")] }] })).toEqual({
      type: "doc",
      content: [p("ab")],
    });
  });
});
