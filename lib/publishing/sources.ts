import { db, type Db, type Tx } from "@/lib/db";
import { catalogOf, parseSources, type DocumentJson, type SourceCatalog } from "@/lib/documents";
import { storedReport } from "@/lib/events/report-content";
import { SESSION_TYPES, sessionTypeLabel } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";

/**
 * What a theme's messages may draw from (its sessions and the recommendation
 * items of their submitted reports), and what a version freezes of them: the
 * annex (every session of the theme, in programme order) and the text of each
 * cited recommendation item as it read at publication.
 */

export interface FrozenSession {
  id: string;
  title: string;
  type: SessionType;
  startsAt: string;
  /** This app's public page of the session (a path). */
  page: string;
  /** The session's own link (the forum's page, a recording), or "". */
  link: string;
}

export interface FrozenSources {
  sessions: FrozenSession[];
  /** `<session>/<item>` → the recommendation item's text when the version was frozen. */
  quotes: Record<string, string>;
}

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

/** What a version freezes: the annex, and the quoted items its (already sanitised) content cites. */
export function freezeSources(
  entries: Awaited<ReturnType<typeof themeSources>>["entries"],
  content: DocumentJson,
): FrozenSources {
  const quotes: Record<string, string> = {};
  for (const node of content.content ?? []) {
    if (node.type !== "message") continue;
    for (const ref of parseSources(node.attrs.sources)) {
      if (!ref.item) continue;
      const text = entries.find((e) => e.session.id === ref.session)?.items.find((i) => i.id === ref.item)?.text;
      if (text !== undefined) quotes[`${ref.session}/${ref.item}`] = text;
    }
  }
  return { sessions: entries.map((e) => e.session), quotes };
}

/** One cited source of a message, ready to show: the session (if the version knows it) and the quoted item. */
export interface ShownSource {
  session: FrozenSession | null;
  sessionId: string;
  quote: string | null;
}

/** The sources of a message as a frozen version shows them. */
export function shownSources(value: unknown, frozen: Partial<FrozenSources>): ShownSource[] {
  return parseSources(value).map((ref) => ({
    sessionId: ref.session,
    session: frozen.sessions?.find((s) => s.id === ref.session) ?? null,
    quote: ref.item ? (frozen.quotes?.[`${ref.session}/${ref.item}`] ?? null) : null,
  }));
}

/** The annex: the sessions grouped by type, in the template's order of types. */
export function annexGroups(sessions: readonly FrozenSession[] = []) {
  return SESSION_TYPES.map(({ type }) => ({
    type,
    label: annexLabel(type),
    sessions: sessions.filter((s) => s.type === type),
  })).filter((group) => group.sessions.length > 0);
}

const PLURALS: Partial<Record<SessionType, string>> = {
  MAIN: "Main sessions",
  WORKSHOP: "Workshops",
  OPEN_FORUM: "Open forums",
  DYNAMIC_COALITION: "Dynamic Coalition sessions",
  NRI: "NRI sessions",
  BEST_PRACTICE_FORUM: "Best Practice Forum sessions",
  INTRODUCTORY: "Introductory session",
  CONCLUDING: "Concluding session",
  OTHER: "Other sessions",
};

export const annexLabel = (type: SessionType) => PLURALS[type] ?? sessionTypeLabel(type);

/** Where a reader of an exported file goes for a session: its own link, else our page (absolute when an origin is known). */
export function sessionHref(session: FrozenSession, origin: string | null): string {
  if (session.link) return session.link;
  return origin ? new URL(session.page, origin).toString() : session.page;
}
