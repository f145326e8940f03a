import { db } from "@/lib/db";
import { messagePlainText, parseSources } from "@/lib/documents";
import { milestoneSlug } from "@/lib/events/schedule";
import { parseFrozen } from "./render";

/** A published message that draws from a session: where it stands and what it says. */
export interface Citation {
  theme: string;
  themeTitle: string;
  label: string;
  href: string;
  number: number;
  messageId: string;
  text: string;
  /** The recommendation of the session's report the message quotes, as frozen; null when it cites the whole session. */
  quote: string | null;
}

/** The messages of each theme's latest published version that cite the session. */
export async function citationsOf(eventId: string, eventSlug: string, sessionId: string): Promise<Citation[]> {
  const documents = await db().document.findMany({
    where: { theme: { eventId } },
    include: { theme: true, versions: { orderBy: { number: "desc" }, take: 1, include: { milestone: true } } },
    orderBy: { theme: { position: "asc" } },
  });
  const out: Citation[] = [];
  for (const document of documents) {
    const version = document.versions[0];
    if (!version || !version.canonicalJson.includes(sessionId)) continue;
    const frozen = parseFrozen(version.canonicalJson);
    let number = 0;
    for (const node of frozen.content.content ?? []) {
      if (node.type !== "message") continue;
      number += 1;
      const refs = parseSources(node.attrs.sources).filter((r) => r.session === sessionId);
      if (refs.length === 0) continue;
      const item = refs.find((r) => r.item);
      out.push({
        theme: document.theme.slug,
        themeTitle: frozen.title,
        label: version.label,
        href: `/events/${eventSlug}/${milestoneSlug(version.milestone.kind)}/${document.theme.slug}#message-${node.attrs.messageId}`,
        number,
        messageId: node.attrs.messageId,
        text: messagePlainText(node),
        quote: item ? (frozen.quotes?.[`${sessionId}/${item.item}`] ?? null) : null,
      });
    }
  }
  return out;
}
