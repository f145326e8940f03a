import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export interface Presence {
  name: string;
  color: string;
}

const PALETTE = ["#d1495b", "#00798c", "#edae49", "#66a182", "#8d5a97", "#2e4057", "#f26419", "#3c6e71"];

/** A stable colour per user, so a person keeps their colour across tabs and days. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/** One entry of an awareness update: a client id, its clock, and its state as JSON ("null" once it left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  json: string;
}

/** The entries of an awareness update (y-protocols' encoding). */
export function readAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      json: decoding.readVarString(decoder),
    });
  }
  return entries;
}

/** An awareness update of these entries; null when there are none. */
export function writeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array | null {
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

/** What `filterAwarenessUpdate` returns for an update that holds a state past the size limit. */
export const PRESENCE_TOO_LARGE = Symbol("presence too large");

/**
 * Rewrites an awareness update from a socket: only entries for the client ids
 * that socket owns pass, and their `user` field is replaced by the name and
 * colour of the session — a client can neither speak for another client id
 * nor claim another person's name. Returns null if nothing is left, and
 * PRESENCE_TOO_LARGE (nothing applied) if an owned state is longer than
 * `maxStateBytes`: presence goes to every newcomer, so one client's must stay small.
 */
export function filterAwarenessUpdate(
  update: Uint8Array,
  owns: (clientId: number) => boolean,
  presence: Presence,
  maxStateBytes: number,
): Uint8Array | null | typeof PRESENCE_TOO_LARGE {
  const kept: AwarenessEntry[] = [];
  for (const { clientId, clock, json } of readAwarenessEntries(update)) {
    if (!owns(clientId)) continue;
    // Characters bound bytes from below; only a long string is measured in bytes.
    if (json.length > maxStateBytes || (json.length * 3 > maxStateBytes && Buffer.byteLength(json) > maxStateBytes))
      return PRESENCE_TOO_LARGE;
    const state = JSON.parse(json) as Record<string, unknown> | null;
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) continue;
    kept.push({ clientId, clock, json: JSON.stringify(state === null ? null : { ...state, user: presence }) });
  }
  return writeAwarenessEntries(kept);
}

/** The client ids named in an awareness update (to bind a socket to its first one). */
export function awarenessClientIds(update: Uint8Array): number[] {
  return readAwarenessEntries(update).map((entry) => entry.clientId);
}
