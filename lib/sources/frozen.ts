import type { SessionType } from "@/lib/generated/prisma/enums";

/**
 * What a published version keeps of its sources: the annex (every session of
 * the theme, in programme order) and the text of each cited recommendation
 * item as it read at publication.
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
