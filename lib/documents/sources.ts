/**
 * "Drawn from": the sources of a message, held in the message node's
 * `sources` attribute (docs/ARCHITECTURE.md, "The message document").
 *
 * The attribute is one string, so that Yjs and the editor binding compare it
 * by value: space-separated tokens, each a session id (a UUID) or a session
 * id and one recommendation item of its report (`<session>/<item>`), in the
 * order they were attached, no token twice, at most `MAX_SOURCES`. Null (the
 * default) when the message cites nothing.
 *
 * The id rules apply: the first half of a split keeps the sources (the second
 * starts without), a merge keeps those of the message that keeps its id, and
 * a copy starts with none. The sanitiser keeps only well-formed tokens and,
 * given a catalogue, only those naming sessions and items that exist.
 *
 * Browser-safe.
 */

export const MAX_SOURCES = 20;

const SESSION = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A recommendation item's id in a session report (`lib/events/report-content.ts` makes them). */
export const ITEM_PATTERN = /^[a-z][a-z0-9]{3,15}$/;

export interface SourceRef {
  session: string;
  /** One recommendation item of the session's report; absent: the session as a whole. */
  item?: string;
}

/** What exists to be cited: the sessions (and their report items) a message may draw from. */
export interface SourceCatalog {
  hasSession(sessionId: string): boolean;
  hasItem(sessionId: string, itemId: string): boolean;
}

const tokenOf = (ref: SourceRef) => (ref.item ? `${ref.session}/${ref.item}` : ref.session);

function readToken(token: string): SourceRef | null {
  const [session, item, extra] = token.split("/");
  if (extra !== undefined || !SESSION.test(session.toLowerCase())) return null;
  if (item === undefined) return { session: session.toLowerCase() };
  return ITEM_PATTERN.test(item) ? { session: session.toLowerCase(), item } : null;
}

/** The sources an attribute value names (anything else read as none). */
export function parseSources(value: unknown): SourceRef[] {
  if (typeof value !== "string") return [];
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const token of value.split(/\s+/)) {
    if (!token) continue;
    const ref = readToken(token);
    if (!ref || seen.has(tokenOf(ref))) continue;
    seen.add(tokenOf(ref));
    out.push(ref);
    if (out.length === MAX_SOURCES) break;
  }
  return out;
}

/** The attribute value for a list of sources: null for none. */
export function formatSources(refs: readonly SourceRef[]): string | null {
  const seen = new Set<string>();
  const tokens: string[] = [];
  for (const ref of refs) {
    const token = tokenOf(ref);
    if (seen.has(token) || !readToken(token)) continue;
    seen.add(token);
    tokens.push(token);
    if (tokens.length === MAX_SOURCES) break;
  }
  return tokens.length > 0 ? tokens.join(" ") : null;
}

/**
 * The sanitised attribute value: well-formed tokens only; with a catalogue,
 * tokens of unknown sessions dropped and an unknown item reduced to its
 * session (which is then cited once).
 */
export function sanitizeSources(value: unknown, catalog?: SourceCatalog): string | null {
  const refs = parseSources(value);
  if (!catalog) return formatSources(refs);
  return formatSources(
    refs.flatMap((ref): SourceRef[] => {
      if (!catalog.hasSession(ref.session)) return [];
      if (ref.item && !catalog.hasItem(ref.session, ref.item)) return [{ session: ref.session }];
      return [ref];
    }),
  );
}

/** Adds a source (a no-op when it is there already). */
export function addSource(value: unknown, ref: SourceRef): string | null {
  return formatSources([...parseSources(value), ref]);
}

/** Removes a source. */
export function removeSource(value: unknown, ref: SourceRef): string | null {
  const token = tokenOf(ref);
  return formatSources(parseSources(value).filter((r) => tokenOf(r) !== token));
}

/** A catalogue from plain data: session ids, each with its item ids. */
export function catalogOf(sessions: Iterable<{ id: string; items: Iterable<string> }>): SourceCatalog {
  const map = new Map<string, Set<string>>();
  for (const session of sessions) map.set(session.id.toLowerCase(), new Set(session.items));
  return {
    hasSession: (id) => map.has(id),
    hasItem: (id, item) => map.get(id)?.has(item) ?? false,
  };
}
