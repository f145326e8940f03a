import { parseSources } from "@/lib/documents";
import { SESSION_TYPES, sessionTypeLabel } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";
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
