import MarkdownIt from "markdown-it";

/**
 * Markdown written by organisers (session descriptions, agendas) as HTML that
 * is safe to show: raw HTML is not allowed (it comes out as text), and
 * markdown-it refuses javascript:, vbscript: and data: links (except images,
 * which are turned off here).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable(["image"]);

export function markdownToSafeHtml(text: string): string {
  return md.render(text);
}
