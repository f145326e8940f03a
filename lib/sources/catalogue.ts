import { db, type Db, type Tx } from "@/lib/db";
import { catalogOf, type SourceCatalog } from "@/lib/documents";
import { storedReport } from "@/lib/events/report-content";
import type { FrozenSession } from "./frozen";

/**
 * What a theme's messages may draw from: its sessions and the recommendation
 * items of their submitted reports.
 */

export const sessionPage = (eventSlug: string, sessionId: string) => `/events/${eventSlug}/sessions/${sessionId}`;

/** The theme's sessions, each with the recommendation items of its latest submitted report. */
export async function themeSources(eventSlug: string, themeId: string, client: Db | Tx = db()) {
  const sessions = await client.session.findMany({
    where: { themeId },
    include: { report: { include: { revisions: { orderBy: { number: "desc" }, take: 1 } } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
  const entries = sessions.map((s) => {
    const latest = s.report?.revisions[0];
    const items = latest ? storedReport(latest.content).recommendations.items : [];
    return {
      session: {
        id: s.id,
        title: s.title,
        type: s.type,
        startsAt: s.startsAt.toISOString(),
        page: sessionPage(eventSlug, s.id),
        link: s.link,
      } satisfies FrozenSession,
      items,
    };
  });
  const catalog: SourceCatalog = catalogOf(entries.map((e) => ({ id: e.session.id, items: e.items.map((i) => i.id) })));
  return { entries, catalog };
}
