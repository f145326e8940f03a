import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { AppendedRows } from "@/lib/drafts/append";
import { readAwarenessEntries, writeAwarenessEntries } from "./awareness-filter";
import type { Cluster } from "./cluster";
import { RELAYED, socketOf, type PresenceOrigin } from "./origins";
import type { Room } from "./room";

/** Presence updates up to this size go to the other instances in one message (base64 must fit a NOTIFY payload). */
const RELAY_PRESENCE_BYTES = 5_500;

/**
 * A room's side of the cluster: the rows and presence other instances
 * announce for its document, applied in order once the room has loaded, and
 * the presence of this instance's clients, told to the others.
 */
export class RoomPeers {
  /** Which instance each relayed awareness client id is on, to drop them all when that instance goes quiet. */
  private readonly remotePresence = new Map<number, string>();
  /** Presence of this instance's clients changed since the last fan-out: told to the other instances with it. */
  private readonly changedPresence = new Set<number>();
  /** Relayed rows and catch-ups, applied one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private catchUpQueued = false;

  constructor(
    private readonly room: Room,
    private readonly cluster: Cluster,
  ) {}

  /** The room's presence changed (an awareness update), from a socket, another instance or a timeout. */
  presenceChanged({ added, updated, removed }: Record<"added" | "updated" | "removed", number[]>, origin: PresenceOrigin): void {
    // A client speaking through one of this instance's sockets is this instance's, wherever it was before.
    if (socketOf(origin)) for (const client of [...added, ...updated]) this.remotePresence.delete(client);
    // Only this instance's own clients are told to the others: relayed presence (and its timing out here) goes back to no one.
    if (origin !== RELAYED && this.cluster.active()) {
      for (const client of [...added, ...updated, ...removed])
        if (!this.remotePresence.has(client)) this.changedPresence.add(client);
    }
    for (const client of removed) this.remotePresence.delete(client);
  }

  /** At each fan-out: the presence of this instance's clients that changed, in one message if it fits, else one per client. */
  sendPresence(): void {
    if (this.changedPresence.size === 0) return;
    const clients = [...this.changedPresence];
    this.changedPresence.clear();
    const { awareness, documentId } = this.room;
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, clients);
    if (update.byteLength <= RELAY_PRESENCE_BYTES || clients.length === 1) this.cluster.publishPresence(documentId, update);
    else
      for (const client of clients)
        this.cluster.publishPresence(documentId, awarenessProtocol.encodeAwarenessUpdate(awareness, [client]));
  }

  /** Rows this room appended: announced when another instance listens. */
  async announceRows(rows: AppendedRows): Promise<void> {
    if (!this.cluster.active()) return;
    await this.cluster.publishRows(this.room.documentId, rows).catch((error: unknown) => {
      this.cluster.logger.warn({ err: error, documentId: this.room.documentId }, "announcing stored rows failed");
    });
  }

  /**
   * Rows another instance appended to this document's log: read and applied
   * in order, after the room has loaded. One append's rows are stored, and
   * compacted, all together: when its first or last row is gone, a
   * compaction merged them into the stored state meanwhile, and the room
   * catches up from the whole stored draft. Applying what the room already
   * has changes nothing, so a row is never applied twice in effect.
   */
  applyRows(from: bigint, to: bigint, count: number): Promise<void> {
    return this.queued(async () => {
      const { store, doc, documentId } = this.room;
      const rows = store.readRows ? await store.readRows(documentId, from, to) : [];
      if (rows.length < count || rows[0]?.id !== from || rows.at(-1)?.id !== to) return this.loadStored();
      Y.transact(
        doc,
        () => {
          for (const row of rows) Y.applyUpdate(doc, row.update, RELAYED);
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
    if (this.catchUpQueued) return this.queue;
    this.catchUpQueued = true;
    return this.queued(() => {
      this.catchUpQueued = false;
      return this.loadStored();
    });
  }

  private async loadStored(): Promise<void> {
    const loaded = await this.room.store.load(this.room.documentId);
    const missing = Y.encodeStateAsUpdate(loaded.doc, Y.encodeStateVector(this.room.doc));
    loaded.doc.destroy();
    Y.applyUpdate(this.room.doc, missing, RELAYED);
  }

  private queued(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      await this.room.ready;
      if (this.room.closed) return;
      await work();
    });
    this.queue = run.catch((error: unknown) => {
      this.cluster.logger.warn({ err: error, documentId: this.room.documentId }, "applying another instance's rows failed");
    });
    return this.queue;
  }

  /** Resolves once every relayed row and catch-up queued so far is applied. */
  settled(): Promise<void> {
    return this.queue;
  }

  /**
   * Presence of clients on another instance. A client that speaks through a
   * socket of this one now (it moved here) is this instance's to say: what
   * its old instance relays about it, its removal on closing included, is
   * left out.
   */
  applyPresence(update: Uint8Array, instance: string): void {
    const kept = readAwarenessEntries(update).filter((entry) => !this.room.awarenessOwners.has(entry.clientId));
    for (const { clientId, json } of kept) {
      if (json === "null") this.remotePresence.delete(clientId);
      else this.remotePresence.set(clientId, instance);
    }
    const filtered = writeAwarenessEntries(kept);
    if (filtered) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, filtered, RELAYED);
  }

  /** The presence of every client of an instance that stopped or went quiet: gone from this room too. */
  dropInstance(instance: string): void {
    const clients = [...this.remotePresence].filter(([, on]) => on === instance).map(([client]) => client);
    for (const client of clients) this.remotePresence.delete(client);
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, clients, RELAYED);
  }

  /** This instance's own clients' presence, for an instance that just opened the document. */
  localPresence(): Uint8Array | null {
    const clients = [...this.room.awareness.getStates().keys()].filter((client) => !this.remotePresence.has(client));
    return clients.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients) : null;
  }
}
