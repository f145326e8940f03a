import type { ReactNode } from "react";

interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function renderText(node: PmNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? "";
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "link" && typeof mark.attrs?.href === "string") {
      out = (
        <a href={mark.attrs.href} rel="noopener noreferrer nofollow">
          {out}
        </a>
      );
    }
  }
  return <span key={key}>{out}</span>;
}

function inline(nodes: PmNode[] = []): ReactNode[] {
  return nodes.map((n, i) => (n.type === "hardBreak" ? <br key={i} /> : renderText(n, i)));
}

/**
 * Read-only rendering of a message document (already sanitised through the
 * schema): sections, numbered messages. React escapes every text.
 */
export function DocumentView({ doc, afterMessage }: { doc: PmNode; afterMessage?: (messageId: string) => ReactNode }) {
  let number = 0;
  return (
    <article className="document-view">
      {(doc.content ?? []).map((node, i) => {
        if (node.type === "heading") {
          return (
            <h2 key={i} data-section-id={String(node.attrs?.sectionId ?? "")}>
              {inline(node.content)}
            </h2>
          );
        }
        if (node.type === "message") {
          number += 1;
          return (
            <div className="message" key={i} data-message-id={String(node.attrs?.messageId ?? "")}>
              <span className="number">{number}.</span>
              <div>
                <div className="message-text">
                  {(node.content ?? []).map((p, j) => (
                    <p key={j}>{inline(p.content)}</p>
                  ))}
                </div>
                {afterMessage?.(String(node.attrs?.messageId ?? ""))}
              </div>
            </div>
          );
        }
        return <p key={i}>{inline(node.content)}</p>;
      })}
    </article>
  );
}
