import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Logger } from "pino";
import { encodeAwareness, encodeStored, encodeSyncStep2, encodeSyncUpdate } from "@/lib/collab/protocol";
import type { AppendedRows } from "@/lib/drafts/append";
import { documentLocked, postgresDraftStore, type DraftStore } from "@/lib/drafts/draft-store";
import type { Metrics } from "./metrics";
import { readAwarenessEntries, writeAwarenessEntries } from "./awareness-filter";
import { SharedFrame } from "./wire";

/** Who applied an update to a room's Y.Doc: the author recorded with it. */
export interface UpdateOrigin {
  userId: string;
  send(frame: Uint8Array | SharedFrame): void;
  canWrite(): boolean;
  /** The client ids this socket has sent updates under: all that its frame 100 needs to carry. */
  readonly authoredIds: Set<number>;
  close(code: number, reason: string): void;
}

interface PendingUpdate {
  update: Uint8Array;
  userId: string | null;
  /** The socket it came from, to acknowledge once stored; null when it came from elsewhere. */
  origin: UpdateOrigin | null;
  /** The clock each client id reaches with this update (read once, with `Y.parseUpdateMeta`). */
  clocks: Map<number, number>;
}

const LOADED = Symbol("loaded from the store");
/** Applied from the log after another instance stored it: relayed to this instance's sockets, never stored or acknowledged again. */
const RELAYED = Symbol("stored by another instance");

/** How a room reaches the other instances serving its document (see lib/collab/relay.ts). */
export interface RoomRelay {
  /** Whether any other instance listens now; when none does, nothing is announced or prepared for them. */
  active(): boolean;
  /** Log rows this room appended. */
  rows(documentId: string, rows: AppendedRows): Promise<void>;
  /** Presence of this instance's clients changed (an awareness update). */
  presence(documentId: string, update: Uint8Array): void;
}
/** Relayed updates waiting for the end of the event-loop turn are sent at once past this many bytes. */
const FAN_OUT_MAX_BYTES = 1 << 20;
const EMPTY_STATE_VECTOR = 0;
/** After a fan-out that took at least FAN_OUT_PACED_MS, the next waits as long as it took (see `scheduleFanOut`). */
const FAN_OUT_PACED_MS = 1;
/** Presence updates up to this size go to the other instances in one message (base64 must fit a NOTIFY payload). */
const RELAY_PRESENCE_BYTES = 5_500;
/** How long a document goes without an edit before its log is compacted (see `considerCompaction`). */
const COMPACT_WHEN_QUIET_MS = 1000;
const COMPACT_ANYWAY_FACTOR = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One document in memory: its Y.Doc, presence, the sockets on it, and the
 * durable write path. Every update the Y.Doc emits is relayed at once and
 * appended to the update log in group commits; after each commit the room
 * hears a STORED frame with the state vector of what is stored.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<UpdateOrigin>();
  /** Which user speaks for each awareness client id. */
  readonly awarenessOwners = new Map<number, string>();
  /** Resolves once the stored state is loaded; no sync frame is answered before. */
  readonly ready: Promise<void>;
  /**
   * The clock of every client id in the update log (and stored state): kept
   * up to date from each committed batch, so that an acknowledgement reads a
   * few entries instead of encoding the whole state vector.
   */
  private readonly storedClocks = new Map<number, number>();
  private pending: PendingUpdate[] = [];
  private flushing: Promise<void> | null = null;
  private logRows = 0;
  private compacting = false;
  private closed = false;
  private diverged = false;
  private readonly store: DraftStore;
  /** An upper bound of the encoded state's size: exact at load, plus every update applied since. */
  private sizeBound = 0;
  /**
   * Fan-out: updates and presence changes received in one event-loop turn go
   * out together at its end, merged into one frame built once for every
   * socket. When the server is busy, a turn holds more of them, so the number
   * of frames per socket falls instead of the backlog growing.
   */
  private outgoing: { update: Uint8Array; origin: unknown }[] = [];
  private outgoingBytes = 0;
  private readonly outgoingPresence = new Set<number>();
  private fanOutScheduled = false;
  /** When the next fan-out may run (see `scheduleFanOut`). */
  private nextFanOutAt = 0;
  private lastEdit = 0;
  private quietTimer: NodeJS.Timeout | null = null;
  /** The answer to an empty sync step 1 (a new reader): built once per document change. */
  private wholeDocument: Uint8Array | null = null;
  /** Presence of this instance's clients changed since the last fan-out: told to the other instances with it. */
  private readonly relayPresence = new Set<number>();
  /** Which instance each relayed awareness client id is on, to drop them all when that instance goes quiet. */
  readonly remotePresence = new Map<number, string>();
  /** Relayed rows and catch-ups, applied one after the other. */
  private relayQueue: Promise<void> = Promise.resolve();
  private catchUpQueued = false;

  constructor(
    readonly documentId: string,
    readonly eventId: string,
    private readonly options: {
      metrics: Metrics;
      logger: Logger;
      compactAfter: number;
      /** Where the document is loaded from and stored; Postgres unless a test or another store says otherwise. */
      store?: DraftStore;
      /** Largest encoded state the document may reach (COLLAB_MAX_DOCUMENT_BYTES). */
      maxDocumentBytes: number;
      /** Least time between two fan-outs (COLLAB_FAN_OUT_MS); 0 sends at the end of every event-loop turn. */
      fanOutMs?: number;
      /** The other instances serving this document; none when this is the only one. */
      relay?: RoomRelay;
      /**
       * Called once the store refused updates that this room had already
       * applied and relayed (they lost the race to Final's lock): the room's
       * Y.Doc, and every client that heard it, now hold text the Final version
       * lacks, and must be rebuilt from what is stored.
       */
      onDiverged?: (room: Room) => void;
    },
  ) {
    this.store = options.store ?? postgresDraftStore;
    // Server-side presence only relays clients' states; it has none of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      // A client speaking through one of this instance's sockets is this instance's, wherever it was before.
      if (origin && typeof origin === "object" && "authoredIds" in origin) {
        for (const client of [...added, ...updated]) this.remotePresence.delete(client);
      }
      for (const client of [...added, ...updated, ...removed]) {
        this.outgoingPresence.add(client);
        // Only this instance's own clients are told to the others: relayed presence (and its timing out here) goes back to no one.
        if (origin !== RELAYED && this.options.relay?.active() && !this.remotePresence.has(client))
          this.relayPresence.add(client);
      }
      for (const client of removed) this.remotePresence.delete(client);
      this.scheduleFanOut();
    });
    this.ready = this.load();
    this.ready.catch(() => {});
  }

  private async load(): Promise<void> {
    // Retried until it works: a room must never start empty over a real document.
    for (let attempt = 0; ; attempt++) {
      try {
        const loaded = await this.store.load(this.documentId);
        const state = Y.encodeStateAsUpdate(loaded.doc);
        loaded.doc.destroy();
        Y.applyUpdate(this.doc, state, LOADED);
        for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) this.storedClocks.set(client, clock);
        this.sizeBound = state.byteLength;
        this.logRows = loaded.logRows;
        return;
      } catch (error) {
        if (this.closed) throw error;
        this.options.logger.warn({ err: error, documentId: this.documentId, attempt }, "loading the document failed; retrying");
        await sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    this.wholeDocument = null;
    if (origin === LOADED) return;
    if (origin === RELAYED) {
      // Already in the log (another instance stored it): this instance's sockets hear it; nothing to store or acknowledge.
      this.lastEdit = performance.now();
      this.sizeBound += update.byteLength;
      this.outgoing.push({ update, origin });
      this.outgoingBytes += update.byteLength;
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        if (clock > (this.storedClocks.get(client) ?? 0)) this.storedClocks.set(client, clock);
      }
      if (this.outgoingBytes >= FAN_OUT_MAX_BYTES) this.fanOut();
      else this.scheduleFanOut();
      return;
    }
    this.lastEdit = performance.now();
    const from = origin && typeof origin === "object" && "authoredIds" in origin ? (origin as UpdateOrigin) : null;
    // `to`: the clock each client id reaches with this update (it came from the Y.Doc, so it has no gaps).
    const clocks = Y.parseUpdateMeta(update).to;
    if (from) for (const client of clocks.keys()) from.authoredIds.add(client);
    // Stored once it has gone out (see `fanOut`): the database, often on the same machine, then
    // takes the processor after the sockets have their frames, not before.
    this.pending.push({ update, userId: from?.userId ?? null, origin: from, clocks });
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
  broadcast(frame: Uint8Array, except?: unknown): void {
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
    if (this.pending.length > 0) this.scheduleFlush();
    if (this.outgoingPresence.size > 0) {
      const clients = [...this.outgoingPresence];
      this.outgoingPresence.clear();
      // To everyone, the sender included: it keeps an idle client's "no message" watchdog quiet.
      this.broadcast(encodeAwareness(this.awareness, clients));
    }
    if (this.relayPresence.size > 0 && this.options.relay) {
      const clients = [...this.relayPresence];
      this.relayPresence.clear();
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
      // One message if it fits the relay's payload; else one per client.
      if (update.byteLength <= RELAY_PRESENCE_BYTES || clients.length === 1) this.options.relay.presence(this.documentId, update);
      else
        for (const client of clients)
          this.options.relay.presence(this.documentId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [client]));
    }
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

  /** The state vector of what is durably stored, as a STORED frame (sent once, when a writer connects). */
  storedFrame(): Uint8Array {
    return encodeStored(Y.encodeStateVector(this.storedClocks));
  }

  /** A STORED frame with the stored clocks of just these client ids: what one writer needs to know. */
  storedFrameFor(clients: Iterable<number>): Uint8Array {
    const clocks = new Map<number, number>();
    for (const client of clients) clocks.set(client, this.storedClocks.get(client) ?? 0);
    return encodeStored(Y.encodeStateVector(clocks));
  }

  private scheduleFlush(): void {
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.scheduleFlush();
      else if (this.diverged) this.options.onDiverged?.(this);
    });
  }

  /**
   * Group commit: everything that arrived while the previous insert was in
   * flight goes into the next one, as one multi-row insert.
   */
  private async flushLoop(): Promise<void> {
    let failures = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      let appended: AppendedRows | void;
      try {
        appended = await this.store.append(this.documentId, batch);
      } catch (error) {
        if (documentLocked(error)) {
          // Final won the race: these edits are never stored. Their authors' tabs
          // see no STORED frame covering them and offer their text to copy.
          this.options.metrics.updatesRefused.inc(batch.length);
          this.diverged = true;
          this.options.logger.info({ documentId: this.documentId, updates: batch.length }, "updates refused: document locked");
          continue;
        }
        this.pending.unshift(...batch);
        failures += 1;
        this.options.metrics.storeFailures.inc();
        this.options.logger.warn({ err: error, documentId: this.documentId, failures }, "storing updates failed; retrying");
        await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      failures = 0;
      // The other instances hear of the rows before this one's writers are told they are stored:
      // a writer that moves to another instance after its "Saved" finds its edits there.
      if (appended && this.options.relay?.active()) {
        await this.options.relay.rows(this.documentId, appended).catch((error: unknown) => {
          this.options.logger.warn({ err: error, documentId: this.documentId }, "announcing stored rows failed");
        });
      }
      this.options.metrics.insertTransactions.inc();
      this.options.metrics.updatesStored.inc(batch.length);
      const authors = new Set<UpdateOrigin>();
      for (const p of batch) {
        for (const [client, clock] of p.clocks) {
          if (clock > (this.storedClocks.get(client) ?? 0)) this.storedClocks.set(client, clock);
        }
        if (p.origin) authors.add(p.origin);
      }
      this.logRows += batch.length;
      // Only the sockets whose writes this commit stored hear of it, and only of their own client ids:
      // the cost of an acknowledgement does not grow with the room or the document's history.
      for (const author of authors) {
        if (this.connections.has(author)) author.send(this.storedFrameFor(author.authoredIds));
      }
      this.considerCompaction();
    }
  }

  /**
   * Rows another instance appended to this document's log: read and applied
   * in order, after the room has loaded. One append's rows are stored, and
   * compacted, all together: when its first or last row is gone, a
   * compaction merged them into the stored state meanwhile, and the room
   * catches up from the whole stored draft. Applying what the room already
   * has changes nothing, so a row is never applied twice in effect.
   */
  applyRelayedRows(from: bigint, to: bigint, count: number): Promise<void> {
    return this.queueRelayed(async () => {
      const rows = this.store.readRows ? await this.store.readRows(this.documentId, from, to) : [];
      if (rows.length < count || rows[0]?.id !== from || rows.at(-1)?.id !== to) return this.loadStored();
      Y.transact(
        this.doc,
        () => {
          for (const row of rows) Y.applyUpdate(this.doc, row.update, RELAYED);
        },
        RELAYED,
      );
    });
  }

  /**
   * Something from another instance may have been missed (a lost listener, a
   * gap): apply what the store holds that this room lacks. A catch-up still
   * waiting covers this one too.
   */
  catchUp(): Promise<void> {
    if (this.catchUpQueued) return this.relayQueue;
    this.catchUpQueued = true;
    return this.queueRelayed(() => {
      this.catchUpQueued = false;
      return this.loadStored();
    });
  }

  private async loadStored(): Promise<void> {
    const loaded = await this.store.load(this.documentId);
    const missing = Y.encodeStateAsUpdate(loaded.doc, Y.encodeStateVector(this.doc));
    loaded.doc.destroy();
    Y.applyUpdate(this.doc, missing, RELAYED);
  }

  private queueRelayed(work: () => Promise<void>): Promise<void> {
    const run = this.relayQueue.then(async () => {
      await this.ready;
      if (this.closed) return;
      await work();
    });
    this.relayQueue = run.catch((error: unknown) => {
      this.options.logger.warn({ err: error, documentId: this.documentId }, "applying another instance's rows failed");
    });
    return this.relayQueue;
  }

  /**
   * Presence of clients on another instance. A client that speaks through a
   * socket of this one now (it moved here) is this instance's to say: what
   * its old instance relays about it, its removal on closing included, is
   * left out.
   */
  applyRelayedPresence(update: Uint8Array, instance: string): void {
    const kept = readAwarenessEntries(update).filter((entry) => !this.awarenessOwners.has(entry.clientId));
    for (const { clientId, json } of kept) {
      if (json === "null") this.remotePresence.delete(clientId);
      else this.remotePresence.set(clientId, instance);
    }
    const filtered = writeAwarenessEntries(kept);
    if (filtered) awarenessProtocol.applyAwarenessUpdate(this.awareness, filtered, RELAYED);
  }

  /** The presence of every client of an instance that stopped or went quiet: gone from this room too. */
  dropInstancePresence(instance: string): void {
    const clients = [...this.remotePresence].filter(([, on]) => on === instance).map(([client]) => client);
    for (const client of clients) this.remotePresence.delete(client);
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, clients, RELAYED);
  }

  /** This instance's own clients' presence, for an instance that just opened the document. */
  localPresence(): Uint8Array | null {
    const clients = [...this.awareness.getStates().keys()].filter((client) => !this.remotePresence.has(client));
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients) : null;
  }

  /** Resolves when everything received so far is stored. */
  async flushed(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.scheduleFlush();
      await this.flushing;
    }
  }

  hasUnstoredUpdates(): boolean {
    return this.pending.length > 0 || this.flushing !== null;
  }

  /**
   * Compaction merges the log into the stored state: work in proportion to
   * the document, which would stall every socket if done mid-typing. Past
   * `compactAfter` rows it waits for a quiet moment (no edit for
   * COMPACT_WHEN_QUIET_MS); past `COMPACT_ANYWAY_FACTOR` times that it runs
   * regardless, so that the log of a document typed in without pause still
   * stays bounded.
   */
  private considerCompaction(): void {
    if (this.logRows >= this.options.compactAfter * COMPACT_ANYWAY_FACTOR) {
      void this.compact();
      return;
    }
    if (this.logRows < this.options.compactAfter || this.quietTimer) return;
    const check = () => {
      const quietFor = performance.now() - this.lastEdit;
      if (this.closed) this.quietTimer = null;
      else if (quietFor >= COMPACT_WHEN_QUIET_MS) {
        this.quietTimer = null;
        void this.compact();
      } else this.quietTimer = setTimeout(check, COMPACT_WHEN_QUIET_MS - quietFor);
    };
    this.quietTimer = setTimeout(check, COMPACT_WHEN_QUIET_MS);
  }

  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      const merged = await this.store.compact(this.documentId);
      this.logRows = Math.max(0, this.logRows - merged);
    } catch (error) {
      this.options.logger.warn({ err: error, documentId: this.documentId }, "compaction failed");
    } finally {
      this.compacting = false;
    }
  }

  /** Stores what is left, compacts, and frees the room. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
    await this.ready.catch(() => {});
    await this.flushed();
    await this.relayQueue;
    if (this.logRows > 0) await this.compact();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
