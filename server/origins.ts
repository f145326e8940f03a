import type { SharedFrame } from "./wire";

/**
 * Who applied an update to a room's Y.Doc, as its transaction origin. A
 * socket applies its own frames (`Connection`), and is the author recorded
 * with them; the room itself applies what it loads from the store and what
 * other instances stored. A room's Y.Doc is never changed under any other
 * origin (see `RoomOrigin`).
 */
export interface UpdateOrigin {
  userId: string;
  send(frame: Uint8Array | SharedFrame): void;
  canWrite(): boolean;
  /** The client ids this socket has sent updates under: all that its frame 100 needs to carry. */
  readonly authoredIds: Set<number>;
  close(code: number, reason: string): void;
}

/** The stored draft, as the room loads it: nothing to relay, store or acknowledge. */
export const LOADED = Symbol("loaded from the store");
/** Applied from the log after another instance (or the app's server-side write path) stored it: relayed to this instance's sockets, never stored or acknowledged again. */
export const RELAYED = Symbol("stored elsewhere");

/** Every origin an update to a room's Y.Doc may have. `null`: an update applied without one (tests, tools): stored with no author. */
export type RoomOrigin = UpdateOrigin | typeof LOADED | typeof RELAYED | null;

/** Every origin a presence change may have: a socket, another instance, or the awareness's own timeout (a string). */
export type PresenceOrigin = UpdateOrigin | typeof RELAYED | string | null | undefined;

/** The socket behind an origin, if a socket applied it. */
export function socketOf(origin: RoomOrigin | PresenceOrigin): UpdateOrigin | null {
  return typeof origin === "object" && origin !== null ? origin : null;
}
