/**
 * The one schema of the message document (docs/ARCHITECTURE.md, "The message document").
 *
 *   doc       paragraph* (heading message*)*     introduction, then sections
 *   paragraph inline*                            text and hard breaks
 *   heading   text*, no marks, attr sectionId    one level only, rendered <h2>
 *   message   paragraph+, attrs messageId,       one numbered message
 *             sources (sources.ts)               what it is drawn from
 *   hardBreak inline leaf                        counts as "\n" in plain text
 *   marks     bold, italic, link (href only; http, https, mailto)
 *
 * The same extension list serves the editor (browser), the seed, the freeze
 * and rendering; nothing here imports Node-only modules. `messageDocumentExtensions`
 * also carries the id plugin (`MessageIds`), which `getSchema` ignores.
 *
 * Notes for the editor:
 * - an empty document is valid (no node at all); the editor should offer to
 *   start with an introduction paragraph or a first section;
 * - no StarterKit on top of this list (it would add nodes outside the
 *   schema); add only behaviour extensions (Collaboration, caret, dropcursor,
 *   gapcursor, placeholder).
 */
import { Mark, Node, getSchema, mergeAttributes, type Extensions } from "@tiptap/core";
import { Link } from "@tiptap/extension-link";
import type { Schema } from "@tiptap/pm/model";
import { MessageIds, isValidId } from "./ids";
import { isAllowedHref } from "./links";
import { sanitizeSources } from "./sources";

export const DocumentNode = Node.create({
  name: "doc",
  topNode: true,
  content: "paragraph* (heading message*)*",
});

export const Paragraph = Node.create({
  name: "paragraph",
  priority: 1000,
  content: "inline*",
  parseHTML() {
    return [{ tag: "p" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["p", mergeAttributes(HTMLAttributes), 0];
  },
});

export const Text = Node.create({
  name: "text",
  group: "inline",
});

export const HardBreak = Node.create({
  name: "hardBreak",
  group: "inline",
  inline: true,
  selectable: false,
  linebreakReplacement: true,
  parseHTML() {
    return [{ tag: "br" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["br", mergeAttributes(HTMLAttributes)];
  },
  renderText() {
    return "\n";
  },
  addKeyboardShortcuts() {
    const insertBreak = () =>
      this.editor.commands.command(({ tr, dispatch }) => {
        if (dispatch) tr.replaceSelectionWith(this.type.create()).scrollIntoView();
        return true;
      });
    return { "Shift-Enter": insertBreak };
  },
});

function idAttribute(name: "sectionId" | "messageId", htmlName: string) {
  return {
    [name]: {
      default: null,
      // Tiptap's own split commands leave the new half without an id; the id
      // plugin then assigns one. (ProseMirror's tr.split copies attributes;
      // the plugin resolves that duplicate the same way.)
      keepOnSplit: false,
      parseHTML: (element: HTMLElement) => {
        const value = element.getAttribute(htmlName);
        return isValidId(value) ? value : null;
      },
      renderHTML: (attributes: Record<string, unknown>) => (isValidId(attributes[name]) ? { [htmlName]: attributes[name] } : {}),
    },
  };
}

export const Heading = Node.create({
  name: "heading",
  content: "text*",
  marks: "",
  defining: true,
  addAttributes() {
    return idAttribute("sectionId", "data-section-id");
  },
  parseHTML() {
    return [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}` }));
  },
  renderHTML({ HTMLAttributes }) {
    return ["h2", mergeAttributes(HTMLAttributes), 0];
  },
});

export const Message = Node.create({
  name: "message",
  content: "paragraph+",
  defining: true,
  addAttributes() {
    return {
      ...idAttribute("messageId", "data-message-id"),
      sources: {
        default: null,
        // The first half of a split keeps the sources; the second starts without.
        keepOnSplit: false,
        parseHTML: (element: HTMLElement) => sanitizeSources(element.getAttribute("data-sources")),
        renderHTML: (attributes: Record<string, unknown>) => {
          const value = sanitizeSources(attributes.sources);
          return value ? { "data-sources": value } : {};
        },
      },
    };
  },
  parseHTML() {
    return [{ tag: "div[data-message-id]" }, { tag: 'div[data-type="message"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["div", mergeAttributes({ "data-type": "message", class: "message" }, HTMLAttributes), 0];
  },
});

export const Bold = Mark.create({
  name: "bold",
  parseHTML() {
    return [
      { tag: "strong" },
      { tag: "b", getAttrs: (node) => node.style.fontWeight !== "normal" && null },
      {
        style: "font-weight",
        getAttrs: (value) => /^(bold(er)?|[5-9]\d{2,})$/.test(value) && null,
      },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["strong", mergeAttributes(HTMLAttributes), 0];
  },
  addKeyboardShortcuts() {
    return {
      "Mod-b": () => this.editor.commands.toggleMark(this.name),
      "Mod-B": () => this.editor.commands.toggleMark(this.name),
    };
  },
});

export const Italic = Mark.create({
  name: "italic",
  parseHTML() {
    return [
      { tag: "em" },
      { tag: "i", getAttrs: (node) => node.style.fontStyle !== "normal" && null },
      { style: "font-style=italic" },
    ];
  },
  renderHTML({ HTMLAttributes }) {
    return ["em", mergeAttributes(HTMLAttributes), 0];
  },
  addKeyboardShortcuts() {
    return {
      "Mod-i": () => this.editor.commands.toggleMark(this.name),
      "Mod-I": () => this.editor.commands.toggleMark(this.name),
    };
  },
});

/**
 * Tiptap's link mark, reduced to one attribute (`href`) and to absolute
 * http, https and mailto targets: `setLink`, pasted HTML, autolink and
 * rendering all go through `isAllowedHref`. Bare domains typed without a
 * scheme ("example.org") are therefore not autolinked: a stored href is
 * always a full URL.
 */
export const MessageLink = Link.extend({
  addAttributes() {
    return {
      href: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("href"),
      },
    };
  },
}).configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  defaultProtocol: "https",
  protocols: [],
  HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null, class: null },
  isAllowedUri: (url) => isAllowedHref(url),
});

/** The node and mark extensions, plus the id rules plugin. */
export const messageDocumentExtensions: Extensions = [
  DocumentNode,
  Paragraph,
  Text,
  HardBreak,
  Heading,
  Message,
  Bold,
  Italic,
  MessageLink,
  MessageIds,
];

/** The ProseMirror schema of the message document. */
export const messageDocumentSchema: Schema = getSchema(messageDocumentExtensions);

/** The names that exist in the schema (for checks and sanitizing). */
export const NODE_TYPES = ["doc", "paragraph", "text", "hardBreak", "heading", "message"] as const;
export const MARK_TYPES = ["bold", "italic", "link"] as const;
