import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";

/**
 * The frames of the y-websocket protocol that Rapporteur uses, plus our two
 * own frame types. Shared by the collaboration server, the editor and the
 * benchmarks. Every frame starts with a varUint type.
 */
export const FRAME = {
  /** y-protocols sync: step 1 (state vector), step 2 (missing updates), update. */
  SYNC: 0,
  /** y-protocols awareness (presence: carets, names). */
  AWARENESS: 1,
  /** Server → client: what is durably stored, as an encoded Yjs state vector (after each group commit). */
  STORED: 100,
  /** Server → client: the socket's rights, JSON { mode, reason }; on connect and whenever they change. */
  RIGHTS: 101,
} as const;

/** WebSocket close codes the editor understands: it stops reconnecting and says why. */
export const CLOSE = {
  /** The session ended (signed out everywhere, password reset, account archived). */
  SESSION_ENDED: 4401,
  /** The user may no longer read this document. */
  FORBIDDEN: 4403,
  /** The socket sent a malformed frame. */
  MALFORMED: 4400,
  /** Too many frames or bytes per second, or sockets. */
  LIMIT: 4429,
  /** The edit would make the document larger than COLLAB_MAX_DOCUMENT_BYTES: it was not applied. */
  TOO_LARGE: 4413,
  /** The client announced a presence state larger than COLLAB_MAX_PRESENCE_BYTES: nobody heard it. */
  PRESENCE_TOO_LARGE: 4431,
  /** The client reads too slowly: the server will not buffer more for it. Reconnecting is fine. */
  SLOW: 4408,
  /**
   * Final was published while this socket's copy held edits the store refused:
   * discard the local copy (after offering one's own unsaved text) and connect
   * again to receive the published text.
   */
  RELOAD: 4409,
  /** The server is shutting down; reconnecting later is right. */
  GOING_AWAY: 1001,
} as const;

export type RightsMode = "read-write" | "read-only";
export interface Rights {
  mode: RightsMode;
  /** Why the socket is read-only (shown in the editor); empty when read-write. */
  reason: string;
  /** Final is published: the draft is the final text, read-only for everyone. */
  final?: boolean;
}

/** The sync sub-frames of y-protocols. */
export const SYNC = {
  STEP1: syncProtocol.messageYjsSyncStep1,
  STEP2: syncProtocol.messageYjsSyncStep2,
  UPDATE: syncProtocol.messageYjsUpdate,
} as const;

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * Every frame the server sends is built here, once, and the same bytes go to
 * every socket that should hear it (as Hocuspocus's OutgoingMessage does).
 */
/** Sync step 1: the document's state vector, asking the peer for what it lacks. */
export const encodeSyncStep1 = (doc: Y.Doc) =>
  frame(FRAME.SYNC, (e) => {
    encoding.writeVarUint(e, SYNC.STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });

/** Sync step 2: what `doc` holds beyond `stateVector` (the answer to a peer's step 1). */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame(FRAME.SYNC, (e) => {
    encoding.writeVarUint(e, SYNC.STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });

/** A document update, relayed. */
export const encodeSyncUpdate = (update: Uint8Array) =>
  frame(FRAME.SYNC, (e) => {
    encoding.writeVarUint(e, SYNC.UPDATE);
    encoding.writeVarUint8Array(e, update);
  });

/** The presence of these clients (a removed client is sent as gone). */
export const encodeAwareness = (awareness: awarenessProtocol.Awareness, clients: number[]) =>
  frame(FRAME.AWARENESS, (e) => encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)));

/** Frame 100: stored clocks, as an encoded state vector. */
export const encodeStored = (stateVector: Uint8Array) => frame(FRAME.STORED, (e) => encoding.writeVarUint8Array(e, stateVector));

/** Frame 101: the socket's rights. */
export const encodeRights = (rights: Rights) => frame(FRAME.RIGHTS, (e) => encoding.writeVarString(e, JSON.stringify(rights)));

/** Reads the payload of a RIGHTS frame whose type was already read. */
export function readRights(decoder: decoding.Decoder): Rights {
  const parsed = JSON.parse(decoding.readVarString(decoder)) as Partial<Rights>;
  return {
    mode: parsed.mode === "read-write" ? "read-write" : "read-only",
    reason: String(parsed.reason ?? ""),
    ...(parsed.final === true ? { final: true } : {}),
  };
}

/** Reads the payload of a STORED frame whose type was already read. */
export function readStored(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/** Merges a frame 100 into what a client knows is stored: the higher clock of each client id. */
export function mergeStored(known: Map<number, number>, frame: Map<number, number>): Map<number, number> {
  const merged = new Map(known);
  for (const [client, clock] of frame) if (clock > (merged.get(client) ?? 0)) merged.set(client, clock);
  return merged;
}

/**
 * "Saved" as the editor shows it: the stored state covers the local state for
 * every client id this tab (or its restored offline copy) authored.
 */
export function covers(stored: Map<number, number>, local: Map<number, number>, authored: Iterable<number>): boolean {
  for (const client of authored) {
    const mine = local.get(client) ?? 0;
    if (mine > (stored.get(client) ?? 0)) return false;
  }
  return true;
}

/** The Y.Map where editors record that they deleted something (see `markDeletions`). */
export const SAVE_MARKS = "saveMarks";

/**
 * Makes deletions visible to a state-vector frame 100. Deleting text adds to
 * the delete set but not to the author's clock, so a frame 100 could not tell
 * whether a deletion is stored. After every local transaction that deleted
 * without inserting, this writes one tiny entry in a side map (never part of
 * the message document), which advances the clock. The server stores a
 * socket's updates in order, so once frame 100 covers the entry it covers the
 * deletion before it. Returns a function that stops marking.
 */
export function markDeletions(ydoc: Y.Doc): () => void {
  let marks = 0;
  const after = (transaction: Y.Transaction) => {
    if (!transaction.local || transaction.deleteSet.clients.size === 0) return;
    const client = ydoc.clientID;
    if ((transaction.afterState.get(client) ?? 0) !== (transaction.beforeState.get(client) ?? 0)) return;
    ydoc.getMap(SAVE_MARKS).set(String(client), ++marks);
  };
  ydoc.on("afterTransaction", after);
  return () => ydoc.off("afterTransaction", after);
}
