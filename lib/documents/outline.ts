/**
 * A structured view of a message document: introduction, then sections with
 * their messages, numbered 1..n across the whole document (the public pages
 * number messages that way). Texts are `messagePlainText` / paragraph plain
 * text, so offsets computed on them are the anchors' offsets.
 */
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { messageDocumentSchema } from "./schema";
import { messagePlainText, paragraphPlainText } from "./text";
import type { DocumentJson } from "./types";

export interface OutlineMessage {
  messageId: string;
  /** 1-based, across the whole document. */
  number: number;
  text: string;
  /** The `sources` attribute (sources.ts); null when it cites nothing. */
  sources: string | null;
}

export interface OutlineSection {
  sectionId: string;
  title: string;
  messages: OutlineMessage[];
}

export interface DocumentOutline {
  introduction: string[];
  sections: OutlineSection[];
}

/**
 * The outline of a valid document (JSON or ProseMirror node). Throws on a
 * document that does not fit the schema: sanitize untrusted input first.
 */
export function documentOutline(document: DocumentJson | ProseMirrorNode): DocumentOutline {
  const doc = "nodeSize" in document ? document : messageDocumentSchema.nodeFromJSON(document);
  doc.check();
  const introduction: string[] = [];
  const sections: OutlineSection[] = [];
  let number = 0;
  doc.forEach((node) => {
    switch (node.type.name) {
      case "paragraph":
        introduction.push(paragraphPlainText(node));
        break;
      case "heading":
        sections.push({ sectionId: String(node.attrs.sectionId), title: node.textContent, messages: [] });
        break;
      case "message":
        number += 1;
        sections[sections.length - 1].messages.push({
          messageId: String(node.attrs.messageId),
          number,
          text: messagePlainText(node),
          sources: typeof node.attrs.sources === "string" && node.attrs.sources ? node.attrs.sources : null,
        });
        break;
    }
  });
  return { introduction, sections };
}
