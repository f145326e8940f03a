import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "pino";
import { encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from "@/lib/collab/protocol";
import { postgresDraftStore, type DraftStore } from "@/lib/drafts/draft-store";
import type { Cluster } from "./cluster";
import type { RoomPeers } from "./cluster-room";
import { DurableLog } from "./durable-log";
import type { Metrics } from "./metrics";
import { LOADED, RELAYED, socketOf, type PresenceOrigin, type RoomOrigin, type UpdateOrigin } from "./origins";
import { SharedFrame } from "./wire";

export type { UpdateOrigin } from "./origins";

/** Relayed updates waiting for the end of the event-loop turn are sent at once past this many bytes. */
const FAN_OUT_MAX_BYTES = 1 << 20;
const EMPTY_STATE_VECTOR = 0;
/** After a fan-out that took at least FAN_OUT_PACED_MS, the next waits as long as it took (see `scheduleFanOut`). */
const FAN_OUT_PACED_MS = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RoomOptions {
  metrics: Metrics;
  logger: Logger;
  compactAfter: number;
  /** Where the document is loaded from and stored; Postgres unless a test or another store says otherwise. */
  store?: DraftStore;
  /** Largest encoded state the document may reach (COLLAB_MAX_DOCUMENT_BYTES). */
  maxDocumentBytes: number;
  /** Least time between two fan-outs (COLLAB_FAN_OUT_MS); 0 sends at the end of every event-loop turn. */
  fanOutMs?: number;
  /** The other instances serving this document (server/cluster.ts); none when this is the only one. */
  cluster?: Cluster;
  /**
   * Called once the store refused updates that this room had already
   * applied and relayed (they lost the race to Final's lock): the room's
   * Y.Doc, and every client that heard it, now hold text the Final version
   * lacks, and must be rebuilt from what is stored.
   */
  onDiverged?: (room: Room) => void;
}

/**
 * One document in memory: its Y.Doc, presence, the sockets on it, and the
 * fan-out. Every update the Y.Doc takes goes out to the room's sockets at the
 * end of the event-loop turn, then to its durable log (server/durable-log.ts),
 * which stores it and acknowledges it; the room's side of the other instances
 * is its `peers` (server/cluster.ts).
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<UpdateOrigin>();
  /** Which user speaks for each awareness client id. */
  readonly awarenessOwners = new Map<number, string>();
  /** Resolves once the stored state is loaded; no sync frame is answered before. */
  readonly ready: Promise<void>;
  readonly store: DraftStore;
  readonly log: DurableLog;
  /** This room's side of the other instances; null when there are none to reach. */
  readonly peers: RoomPeers | null;
  private closing = false;
  /** An upper bound of the encoded state's size: exact at load, plus every update applied since. */
  private sizeBound = 0;
  /**
   * Fan-out: updates and presence changes received in one event-loop turn go
   * out together at its end, merged into one frame built once for every
   * socket. When the server is busy, a turn holds more of them, so the number
   * of frames per socket falls instead of the backlog growing.
   */
  private outgoing: { update: Uint8Array; origin: RoomOrigin }[] = [];
  private outgoingBytes = 0;
  private readonly outgoingPresence = new Set<number>();
  private fanOutScheduled = false;
  /** When the next fan-out may run (see `scheduleFanOut`). */
  private nextFanOutAt = 0;
  /** The answer to an empty sync step 1 (a new reader): built once per document change. */
  private wholeDocument: Uint8Array | null = null;

  constructor(
    readonly documentId: string,
    readonly eventId: string,
    private readonly options: RoomOptions,
  ) {
    this.store = options.store ?? postgresDraftStore;
    this.peers = options.cluster?.join(this) ?? null;
    this.log = new DurableLog({
      documentId,
      store: this.store,
      metrics: options.metrics,
      logger: options.logger,
      compactAfter: options.compactAfter,
      isOpen: (origin) => this.connections.has(origin),
      announce: (rows) => this.peers?.announceRows(rows) ?? Promise.resolve(),
      onDiverged: () => options.onDiverged?.(this),
    });
    // Server-side presence only relays clients' states; it has none of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: RoomOrigin) => this.onUpdate(update, origin));
    this.awareness.on("update", (changes: Record<"added" | "updated" | "removed", number[]>, origin: PresenceOrigin) => {
      for (const client of [...changes.added, ...changes.updated, ...changes.removed]) this.outgoingPresence.add(client);
      this.peers?.presenceChanged(changes, origin);
      this.scheduleFanOut();
    });
    this.ready = this.load();
    this.ready.catch(() => {});
  }

  /** True once `close` has begun: nothing more is loaded or applied from elsewhere. */
  get closed(): boolean {
    return this.closing;
  }

  private async load(): Promise<void> {
    // Retried until it works: a room must never start empty over a real document.
    for (let attempt = 0; ; attempt++) {
      try {
        const loaded = await this.store.load(this.documentId);
        const state = Y.encodeStateAsUpdate(loaded.doc);
        loaded.doc.destroy();
        Y.applyUpdate(this.doc, state, LOADED);
        this.log.loaded(Y.decodeStateVector(Y.encodeStateVector(this.doc)), loaded.logRows);
        this.sizeBound = state.byteLength;
        return;
      } catch (error) {
        if (this.closing) throw error;
        this.options.logger.warn({ err: error, documentId: this.documentId, attempt }, "loading the document failed; retrying");
        await sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }

  private onUpdate(update: Uint8Array, origin: RoomOrigin): void {
    this.wholeDocument = null;
    if (origin === LOADED) return;
    if (origin === RELAYED) {
      // Already in the log (stored elsewhere): this instance's sockets hear it; nothing to store or acknowledge.
      this.sizeBound += update.byteLength;
      this.log.storedElsewhere(update);
    } else {
      // Stored once it has gone out (see `fanOut`): the database, often on the same machine, then
      // takes the processor after the sockets have their frames, not before.
      this.log.add(update, socketOf(origin));
    }
    this.outgoing.push({ update, origin });
    this.outgoingBytes += update.byteLength;
    if (this.outgoingBytes >= FAN_OUT_MAX_BYTES)
      this.fanOut(); // a pending timer then finds nothing to send
    else this.scheduleFanOut();
  }

  /**
   * Whether the document stays within its size limit with this update. The
   * bound only grows (an update that repeats known content still counts), so
   * when it would pass the limit the state is measured exactly first: the
   * cost of encoding is paid only near the limit.
   */
  fits(update: Uint8Array): boolean {
    const max = this.options.maxDocumentBytes;
    if (this.sizeBound + update.byteLength > max) this.sizeBound = Y.encodeStateAsUpdate(this.doc).byteLength;
    if (this.sizeBound + update.byteLength > max) return false;
    this.sizeBound += update.byteLength;
    return true;
  }

  /** The same frame to every socket but `except`: encoded and framed once. */
  broadcast(frame: Uint8Array, except?: RoomOrigin): void {
    const shared = new SharedFrame(frame);
    for (const connection of this.connections) if (connection !== except) connection.send(shared);
  }

  /**
   * At the end of this event-loop turn, or, when the previous fan-out was
   * less than `fanOutMs` ago or ended less than its own duration ago, once
   * that much time has passed. A lone keystroke goes out at once; in a busy
   * room each socket gets at most one frame per window whatever the typing
   * rate, and a room whose fan-out is costly (a thousand sockets) spends at
   * most about half the processor on it, carrying more edits per frame instead
   * of falling behind.
   */
  private scheduleFanOut(): void {
    if (this.fanOutScheduled) return;
    this.fanOutScheduled = true;
    const wait = this.nextFanOutAt - performance.now();
    if (wait > 0) setTimeout(() => this.fanOut(), wait);
    else setImmediate(() => this.fanOut());
  }

  private fanOut(): void {
    this.fanOutScheduled = false;
    const started = performance.now();
    if (this.outgoing.length > 0) {
      const batch = this.outgoing;
      this.outgoing = [];
      this.outgoingBytes = 0;
      const update = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
      // A socket is spared its own edits when the turn holds no one else's; otherwise it hears them
      // again with the others' (applying known edits changes nothing) rather than costing a merge each.
      const only = batch.every((b) => b.origin === batch[0].origin) ? batch[0].origin : undefined;
      this.broadcast(encodeSyncUpdate(update), only);
    }
    this.log.flush();
    if (this.outgoingPresence.size > 0) {
      const clients = [...this.outgoingPresence];
      this.outgoingPresence.clear();
      // To everyone, the sender included: it keeps an idle client's "no message" watchdog quiet.
      this.broadcast(encodeAwareness(this.awareness, clients));
    }
    this.peers?.sendPresence();
    const ended = performance.now();
    const cost = ended - started;
    this.nextFanOutAt = Math.max(started + (this.options.fanOutMs ?? 0), cost >= FAN_OUT_PACED_MS ? ended + cost : 0);
  }

  /** The answer to a socket's sync step 1; a new reader's (empty state vector) is built once per change. */
  answerStep1(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length === 1 && stateVector[0] === EMPTY_STATE_VECTOR) {
      return (this.wholeDocument ??= encodeSyncStep2(this.doc, stateVector));
    }
    return encodeSyncStep2(this.doc, stateVector);
  }

  /** Resolves when everything received so far is stored. */
  flushed(): Promise<void> {
    return this.log.flushed();
  }

  hasUnstoredUpdates(): boolean {
    return this.log.hasUnstored();
  }

  /** Merges the document's log into its stored state now. */
  compact(): Promise<void> {
    return this.log.compact();
  }

  /** Stores what is left, compacts, and frees the room. */
  async close(): Promise<void> {
    this.closing = true;
    this.log.stopWaiting();
    await this.ready.catch(() => {});
    await this.log.flushed();
    await this.peers?.settled();
    await this.log.compactRemaining();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
