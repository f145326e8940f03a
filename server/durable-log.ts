import * as Y from "yjs";
import type { Logger } from "pino";
import { encodeStored } from "@/lib/collab/protocol";
import type { AppendedRows } from "@/lib/drafts/append";
import { documentLocked, type DraftStore } from "@/lib/drafts/draft-store";
import type { Metrics } from "./metrics";
import type { UpdateOrigin } from "./origins";

interface PendingUpdate {
  update: Uint8Array;
  userId: string | null;
  /** The socket it came from, to acknowledge once stored; null when it came from elsewhere. */
  origin: UpdateOrigin | null;
  /** The clock each client id reaches with this update (read once, with `Y.parseUpdateMeta`). */
  clocks: Map<number, number>;
}

/** How long a document goes without an edit before its log is compacted (see `considerCompaction`). */
const COMPACT_WHEN_QUIET_MS = 1000;
const COMPACT_ANYWAY_FACTOR = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DurableLogOptions {
  documentId: string;
  store: DraftStore;
  metrics: Metrics;
  logger: Logger;
  /** Log rows past which the log is merged into the stored state (COLLAB_COMPACT_AFTER). */
  compactAfter: number;
  /** Whether a socket is still on the room: only those hear their frame 100. */
  isOpen(origin: UpdateOrigin): boolean;
  /** Tells the other instances of rows just appended, before their writers hear they are stored. */
  announce(rows: AppendedRows): Promise<void>;
  /**
   * The store refused updates the room had already applied and relayed (they
   * lost the race to Final's lock): called once everything pending is settled.
   */
  onDiverged(): void;
}

/**
 * Where a keystroke is stored: a room's durable log. Every update a room's
 * Y.Doc takes from a socket is appended to the document's update log in group
 * commits (one multi-row insert for all that arrived while the previous one
 * was in flight); after each commit, the sockets whose writes it stored hear
 * frame 100 with the stored clocks of their own client ids. Past
 * `compactAfter` rows, the log is merged into the stored state when the
 * document is quiet.
 */
export class DurableLog {
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
  private diverged = false;
  private closed = false;
  private lastEdit = 0;
  private quietTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: DurableLogOptions) {}

  /** What the room loaded: the stored state vector and how many log rows it has. */
  loaded(stateVector: Map<number, number>, logRows: number): void {
    for (const [client, clock] of stateVector) this.storedClocks.set(client, clock);
    this.logRows = logRows;
  }

  /** An update the room took from a socket (or with no origin): stored at the next `flush`. */
  add(update: Uint8Array, origin: UpdateOrigin | null): void {
    this.lastEdit = performance.now();
    // `to`: the clock each client id reaches with this update (it came from the Y.Doc, so it has no gaps).
    const clocks = Y.parseUpdateMeta(update).to;
    if (origin) for (const client of clocks.keys()) origin.authoredIds.add(client);
    this.pending.push({ update, userId: origin?.userId ?? null, origin, clocks });
  }

  /** An update already in the log (another instance stored it): its clocks count as stored. */
  storedElsewhere(update: Uint8Array): void {
    this.lastEdit = performance.now();
    this.raiseStored(Y.parseUpdateMeta(update).to);
  }

  private raiseStored(clocks: Map<number, number>): void {
    for (const [client, clock] of clocks) if (clock > (this.storedClocks.get(client) ?? 0)) this.storedClocks.set(client, clock);
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

  /** Stores what is pending (the room calls it once the updates have gone out to its sockets). */
  flush(): void {
    if (this.pending.length === 0) return;
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.flush();
      else if (this.diverged) this.options.onDiverged();
    });
  }

  /**
   * Group commit: everything that arrived while the previous insert was in
   * flight goes into the next one, as one multi-row insert.
   */
  private async flushLoop(): Promise<void> {
    const { metrics, logger, documentId } = this.options;
    let failures = 0;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      let appended: AppendedRows | void;
      try {
        appended = await this.options.store.append(documentId, batch);
      } catch (error) {
        if (documentLocked(error)) {
          // Final won the race: these edits are never stored. Their authors' tabs
          // see no STORED frame covering them and offer their text to copy.
          metrics.updatesRefused.inc(batch.length);
          this.diverged = true;
          logger.info({ documentId, updates: batch.length }, "updates refused: document locked");
          continue;
        }
        this.pending.unshift(...batch);
        failures += 1;
        metrics.storeFailures.inc();
        logger.warn({ err: error, documentId, failures }, "storing updates failed; retrying");
        await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      }
      failures = 0;
      // The other instances hear of the rows before this one's writers are told they are stored:
      // a writer that moves to another instance after its "Saved" finds its edits there.
      if (appended) await this.options.announce(appended);
      metrics.insertTransactions.inc();
      metrics.updatesStored.inc(batch.length);
      const authors = new Set<UpdateOrigin>();
      for (const p of batch) {
        this.raiseStored(p.clocks);
        if (p.origin) authors.add(p.origin);
      }
      this.logRows += batch.length;
      // Only the sockets whose writes this commit stored hear of it, and only of their own client ids:
      // the cost of an acknowledgement does not grow with the room or the document's history.
      for (const author of authors) if (this.options.isOpen(author)) author.send(this.storedFrameFor(author.authoredIds));
      this.considerCompaction();
    }
  }

  /** Resolves when everything received so far is stored. */
  async flushed(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.flush();
      await this.flushing;
    }
  }

  hasUnstored(): boolean {
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
      const merged = await this.options.store.compact(this.options.documentId);
      this.logRows = Math.max(0, this.logRows - merged);
    } catch (error) {
      this.options.logger.warn({ err: error, documentId: this.options.documentId }, "compaction failed");
    } finally {
      this.compacting = false;
    }
  }

  /** No compaction waits for a quiet moment from now on (the room is closing). */
  stopWaiting(): void {
    this.closed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
  }

  /** On closing, once everything is stored: whatever the log holds is merged. */
  async compactRemaining(): Promise<void> {
    if (this.logRows > 0) await this.compact();
  }
}
