import type { ReactNode } from "react";
import type { DocumentJson, InlineJson, MessageJson, TextJson } from "@/lib/documents/types";
import { directionOf } from "@/lib/events/languages";

function renderText(node: TextJson, key: number): ReactNode {
  let out: ReactNode = node.text;
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link") {
      out = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow">
          {out}
        </a>
      );
    }
  }
  return <span key={key}>{out}</span>;
}

function inline(nodes: InlineJson[] = []): ReactNode[] {
  return nodes.map((n, i) => (n.type === "hardBreak" ? <br key={i} /> : renderText(n, i)));
}

/**
 * Read-only rendering of a message document (already sanitised through the
 * schema): sections, numbered messages. React escapes every text.
 */
export function DocumentView({
  doc,
  afterMessage,
  sectionLevel = 2,
  lang,
}: {
  doc: DocumentJson;
  /** The language the text is written in: marked on the text (not on what follows each message, e.g. comments). */
  lang?: string;
  afterMessage?: (messageId: string, message: MessageJson) => ReactNode;
  /** Heading level of the document's sections (3 where the document sits under a theme heading). */
  sectionLevel?: 2 | 3;
}) {
  const Section = sectionLevel === 3 ? "h3" : "h2";
  const text = lang ? { lang, dir: directionOf(lang) } : {};
  const nodes = doc.content ?? [];
  // Messages are numbered across the whole document, sections included.
  const numbers = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (node.type === "message") numbers.set(i, numbers.size + 1);
  });
  return (
    <article className="document-view">
      {nodes.map((node, i) => {
        if (node.type === "heading") {
          return (
            <Section key={i} data-section-id={node.attrs.sectionId} {...text}>
              {inline(node.content)}
            </Section>
          );
        }
        if (node.type === "message") {
          return (
            <div className="message" key={i} id={`message-${node.attrs.messageId}`} data-message-id={node.attrs.messageId}>
              <span className="number">{numbers.get(i)}.</span>
              <div>
                <div className="message-text" {...text}>
                  {node.content.map((p, j) => (
                    <p key={j}>{inline(p.content)}</p>
                  ))}
                </div>
                {afterMessage?.(node.attrs.messageId, node)}
              </div>
            </div>
          );
        }
        return (
          <p key={i} {...text}>
            {inline(node.content)}
          </p>
        );
      })}
    </article>
  );
}
