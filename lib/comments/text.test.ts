import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentText } from "@/components/comments/ThreadCard";
import { cleanCommentText, commentBody, linkParts } from "@/lib/comments/text";

describe("comment text", () => {
  it("renders HTML as the text it is", () => {
    const html = renderToStaticMarkup(createElement(CommentText, { text: '<script>alert("x")</script><b>bold</b>' }));
    expect(html).toBe(
      '<span class="comment-text"><span>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;</span></span>',
    );
  });

  it("links http, https and mailto addresses only", () => {
    expect(linkParts("See https://example.org/a?b=1, or write to info@example.org.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ", or write to " },
      { kind: "link", text: "info@example.org", href: "mailto:info@example.org" },
      { kind: "text", text: "." },
    ]);
    expect(linkParts("javascript:alert(1) and data:text/html,hi")).toEqual([
      { kind: "text", text: "javascript:alert(1) and data:text/html,hi" },
    ]);
    const html = renderToStaticMarkup(createElement(CommentText, { text: "Read example.org" }));
    expect(html).toBe(
      '<span class="comment-text"><span>Read </span><a href="http://example.org" rel="nofollow ugc noopener noreferrer" target="_blank">example.org</a></span>',
    );
  });

  it("keeps line breaks, drops control and direction-override characters, trims", () => {
    expect(cleanCommentText("  one\r\ntwo\u0000\u202e three \n")).toBe("one\ntwo three");
    expect(commentBody.safeParse(" \u200b ").success).toBe(false);
    expect(commentBody.parse(" fine ")).toBe("fine");
  });
});
