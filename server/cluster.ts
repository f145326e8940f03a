import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { MAX_RELAY_PAYLOAD, type Relay, type RelayEnvelope } from "@/lib/collab/relay";
import type { AppendedRows } from "@/lib/drafts/append";
import type { Metrics } from "./metrics";
import { RoomPeers } from "./cluster-room";
import type { Room } from "./room";

/**
 * Where an instance hears another: the cluster protocol over the relay seam
 * (lib/collab/relay.ts). Each instance says it is alive every `heartbeatMs`;
 * one heard for the first time is welcomed and then reads from the log what
 * it missed; one silent for `presenceTimeoutMs`, or that says bye, is
 * forgotten with its clients' presence. Every message is numbered by its
 * sender, so a gap (or a lost listener) makes every room catch up from the
 * log. Rooms announce the log rows they append (never the bytes: the others
 * read them from Postgres) and their clients' presence; alone, an instance
 * announces nothing but its heartbeat. The app's server-side write path
 * (lib/drafts/server-write.ts) announces rows too, as a writer that does not
 * listen: it is never welcomed or counted as a listener. A room's side of
 * all this (what it applies, what it tells) is in cluster-room.ts.
 */
export class Cluster {
  readonly instanceId: string;
  /** The other instances heard within the presence timeout. */
  private readonly lastHeard = new Map<string, number>();
  /** The last sequence number heard from each sender. Kept when one is forgotten: should it speak again, a jump shows what was missed. */
  private readonly lastSeq = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly relay: Relay | null,
    private readonly options: {
      logger: Logger;
      metrics: Metrics;
      /** The rooms open on this instance now. */
      rooms: ReadonlyMap<string, Room>;
      heartbeatMs: number;
      presenceTimeoutMs: number;
    },
  ) {
    this.instanceId = relay?.instanceId ?? randomUUID();
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** Whether any other instance listens now; when none does, nothing is announced or prepared for them. */
  active(): boolean {
    return this.lastHeard.size > 0;
  }

  /** Whether this instance hears the others (part of its readiness). */
  listening(): boolean {
    return this.relay ? this.relay.listening() : true;
  }

  /** A room's side of the cluster; null when there is no relay. */
  join(room: Room): RoomPeers | null {
    return this.relay ? new RoomPeers(room, this) : null;
  }

  /** Starts hearing the others and saying this instance is alive, at once: the others start announcing to it. */
  async start(): Promise<void> {
    if (!this.relay) return;
    this.relay.subscribe((message) => this.hear(message));
    await this.relay.ready;
    const beat = () => this.publish({ kind: "heartbeat" }, "relay heartbeat failed");
    beat();
    this.heartbeat = setInterval(() => {
      beat();
      const now = Date.now();
      for (const [instance, at] of this.lastHeard) if (now - at > this.options.presenceTimeoutMs) this.forget(instance);
    }, this.options.heartbeatMs);
  }

  /** Says bye: the others drop this instance's clients' presence at once. Its rooms may still store and announce. */
  async leave(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.relay?.publish({ kind: "bye" }).catch(() => {});
  }

  /** Stops hearing and announcing (after the rooms have closed). */
  async stop(): Promise<void> {
    await this.relay?.stop();
  }

  /** A room opened: the other instances with sockets on the document answer with their clients' presence. */
  roomOpened(documentId: string): void {
    if (this.active()) this.publish({ kind: "presence-query", documentId });
  }

  publishRows(documentId: string, rows: AppendedRows): Promise<void> {
    return this.relay!.publish({
      kind: "rows",
      documentId,
      from: rows.from.toString(),
      to: rows.to.toString(),
      count: rows.count,
    });
  }

  publishPresence(documentId: string, update: Uint8Array): void {
    const encoded = Buffer.from(update).toString("base64");
    if (encoded.length > MAX_RELAY_PAYLOAD) {
      this.options.logger.warn({ documentId, bytes: update.byteLength }, "presence too large to relay");
      return;
    }
    this.publish({ kind: "presence", documentId, update: encoded }, "relaying presence failed");
  }

  private publish(message: Parameters<Relay["publish"]>[0], failure?: string): void {
    this.relay?.publish(message).catch((error: unknown) => {
      if (failure) this.options.logger.warn({ err: error }, failure);
    });
  }

  private askPresence(): void {
    if (!this.active()) return;
    for (const room of this.options.rooms.values()) this.publish({ kind: "presence-query", documentId: room.documentId });
  }

  private catchUpRooms(): void {
    for (const room of this.options.rooms.values()) void room.peers?.catchUp();
  }

  /** Every room reads what it missed from the store, and asks the others again for their clients' presence. */
  private catchUpAll(): void {
    this.catchUpRooms();
    this.askPresence();
  }

  private forget(instance: string): void {
    this.lastHeard.delete(instance);
    for (const room of this.options.rooms.values()) room.peers?.dropInstance(instance);
  }

  private applyRows(message: Extract<RelayEnvelope, { kind: "rows" }>): void {
    this.options.metrics.relayedRows.inc(message.count);
    void this.options.rooms.get(message.documentId)?.peers?.applyRows(BigInt(message.from), BigInt(message.to), message.count);
  }

  private hear(message: RelayEnvelope | null): void {
    const rooms = this.options.rooms;
    if (!message) {
      // The listener was cut: everyone's numbering starts afresh after this catch-up.
      this.lastSeq.clear();
      return this.catchUpAll();
    }
    if (message.listens === false) {
      // A writer that does not listen (the app's server-side write path): its rows only, unnumbered.
      if (message.kind === "rows") this.applyRows(message);
      return;
    }
    const previous = this.lastSeq.get(message.instance);
    if (previous !== undefined && message.seq <= previous) return; // heard already
    this.lastSeq.set(message.instance, message.seq);
    if (message.listens !== false) {
      const known = this.lastHeard.has(message.instance);
      this.lastHeard.set(message.instance, Date.now());
      if (!known && message.kind !== "bye") {
        // From now on its rooms hear this one's rows; it reads what this one stored before.
        this.publish({ kind: "welcome", to: message.instance });
        this.askPresence();
      }
    }
    if (previous !== undefined && message.seq !== previous + 1) {
      this.options.metrics.relayGaps.inc();
      this.catchUpAll();
    } else if (message.kind === "welcome" && message.to === this.instanceId) {
      // Rows it stored before it heard this instance were not announced: read them from the log.
      this.catchUpRooms();
    }
    if (message.kind === "rows") this.applyRows(message);
    else if (message.kind === "presence") {
      rooms.get(message.documentId)?.peers?.applyPresence(Buffer.from(message.update, "base64"), message.instance);
    } else if (message.kind === "presence-query") {
      const presence = rooms.get(message.documentId)?.peers?.localPresence();
      if (presence) this.publishPresence(message.documentId, presence);
    } else if (message.kind === "bye") this.forget(message.instance);
  }
}
