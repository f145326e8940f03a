import { parseSources } from "@/lib/documents";
import { SESSION_TYPES } from "@/lib/events/sessions";
import { englishWords, type PublicationWords } from "@/lib/i18n/words";
import type { FrozenSession, FrozenSources } from "./frozen";

/** How a frozen version shows its sources: beside each message, in the annex, and as links in exported files. */

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

/** The annex: the sessions grouped by type, in the programme's order of types, each group named in the publication's words. */
export function annexGroups(sessions: readonly FrozenSession[] = [], words: PublicationWords = englishWords) {
  return SESSION_TYPES.map(({ type }) => ({
    type,
    label: words.sessionGroup(type),
    sessions: sessions.filter((s) => s.type === type),
  })).filter((group) => group.sessions.length > 0);
}

/** Where a reader of an exported file goes for a session: its own link, else our page (absolute when an origin is known). */
export function sessionHref(session: FrozenSession, origin: string | null): string {
  if (session.link) return session.link;
  return origin ? new URL(session.page, origin).toString() : session.page;
}
