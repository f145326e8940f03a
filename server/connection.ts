import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as decoding from "lib0/decoding";
import type { Logger } from "pino";
import * as Y from "yjs";
import type { CurrentUser } from "@/lib/auth/user";
import { CLOSE, FRAME, SYNC, encodeAwareness, encodeRights, encodeSyncStep1, type Rights } from "@/lib/collab/protocol";
import type { SessionClaims } from "./auth";
import { PRESENCE_TOO_LARGE, awarenessClientIds, colorFor, filterAwarenessUpdate } from "./awareness-filter";
import type { Metrics } from "./metrics";
import type { UpdateOrigin } from "./origins";
import type { Room } from "./room";
import { SharedFrame, rawStream } from "./wire";

/** y-websocket's "query awareness" frame: answer with everyone's presence. */
const QUERY_AWARENESS = 3;

/** How many times the frame budget presence frames may use (see `awarenessBudget`). */
const AWARENESS_BUDGET_FACTOR = 5;
/**
 * Sync step 1 asks the server to compute what the client lacks, which costs in
 * proportion to the document: a client needs it on connecting, rarely after.
 */
const SYNC_STEP1_PER_SECOND = 3;
/** After closing a slow socket, how long its close frame may wait behind the buffer before the socket is cut. */
const SLOW_CLOSE_GRACE_MS = 1000;

/** A token bucket: `perSecond` units a second, a burst of one second's worth; false once spent. */
class Budget {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly perSecond: number) {
    this.tokens = perSecond;
  }
  take(amount = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < amount) return false;
    this.tokens -= amount;
    return true;
  }
}

export interface ConnectionOptions {
  metrics: Metrics;
  logger: Logger;
  framesPerSecond: number;
  bytesPerSecond: number;
  maxSendBufferBytes: number;
  /** Largest presence state one client may announce, as JSON bytes (COLLAB_MAX_PRESENCE_BYTES). */
  maxPresenceBytes: number;
}

/**
 * One socket on one room. Applies the socket's rights to every frame: a
 * read-only socket gets the document and presence, but its updates, sync
 * step 2 and awareness frames change nothing. Frames are handled one at a
 * time, in order, and only after the room has loaded.
 */
export class Connection implements UpdateOrigin {
  private queue: Promise<void> = Promise.resolve();
  private readonly awarenessIds = new Set<number>();
  private readonly budget: Budget;
  private readonly byteBudget: Budget;
  private readonly syncStep1Budget = new Budget(SYNC_STEP1_PER_SECOND);
  /**
   * Presence has its own, larger budget, and frames over it are dropped rather
   * than ending the socket: stock y-websocket clients re-send every presence
   * change they hear, so a room full of moving carets makes every socket send
   * a lot of presence through no fault of its own.
   */
  private readonly awarenessBudget: Budget;
  alive = true;
  readonly authoredIds = new Set<number>();

  constructor(
    readonly socket: WebSocket,
    readonly room: Room,
    public user: CurrentUser,
    readonly claims: SessionClaims,
    public rights: Rights,
    private readonly options: ConnectionOptions,
  ) {
    this.budget = new Budget(options.framesPerSecond);
    this.byteBudget = new Budget(options.bytesPerSecond);
    this.awarenessBudget = new Budget(options.framesPerSecond * AWARENESS_BUDGET_FACTOR);
    socket.binaryType = "nodebuffer";
    socket.on("message", (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    socket.on("pong", () => (this.alive = true));
    this.send(encodeRights(rights));
    void room.ready.then(
      () => this.greet(),
      () => {},
    );
  }

  get userId(): string {
    return this.user.id;
  }

  /** Sends a frame; a shared one (a broadcast) goes out as bytes framed once for every socket. */
  send(frame: Uint8Array | SharedFrame): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const shared = frame instanceof SharedFrame ? frame : null;
    const payload = shared ? shared.payload : (frame as Uint8Array);
    // A client that reads too slowly would make the server hold ever more for it.
    if (this.socket.bufferedAmount + payload.byteLength > this.options.maxSendBufferBytes) {
      this.closeForLimit("send-buffer", CLOSE.SLOW, "The connection is too slow to keep up; reconnect.");
      setTimeout(() => this.socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
      return;
    }
    const stream = shared ? rawStream(this.socket) : null;
    if (shared && stream) stream.write(shared.wire);
    else this.socket.send(payload);
  }

  private closeForLimit(limit: string, code: number, reason: string): void {
    this.options.metrics.closedLimit.inc({ limit });
    this.close(code, reason);
  }

  canWrite(): boolean {
    return this.rights.mode === "read-write";
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason.slice(0, 120));
  }

  /** Changes the socket's rights and tells the client (frame 101). */
  setRights(rights: Rights): void {
    if (rights.mode === this.rights.mode && rights.reason === this.rights.reason && rights.final === this.rights.final) return;
    this.rights = rights;
    if (rights.mode === "read-only") this.dropPresence();
    this.send(encodeRights(rights));
  }

  /** After load: the server's state vector (sync step 1), what is stored, and who is here. */
  private greet(): void {
    this.send(encodeSyncStep1(this.room.doc));
    // Once per connection, for writers only: what is stored, so that a tab whose edits were stored
    // before it reconnected (under any of its client ids) can show "Saved" without resending them.
    if (this.canWrite()) this.send(this.room.log.storedFrame());
    if (this.room.awareness.getStates().size > 0) this.sendPresence();
  }

  /**
   * Everyone's presence, as a newcomer needs it. Each state is bounded
   * (maxPresenceBytes), and so is the whole: never more than half the send
   * buffer, so that presence alone can never close a newcomer as too slow.
   * Clients past that bound are heard at their next change or renewal
   * (a stock client renews its presence every 15 seconds).
   */
  private sendPresence(): void {
    const clients = [...this.room.awareness.getStates().keys()];
    const fits = Math.floor(this.options.maxSendBufferBytes / 2 / (this.options.maxPresenceBytes + 32));
    this.send(encodeAwareness(this.room.awareness, clients.length > fits ? clients.slice(0, fits) : clients));
  }

  private receive(frame: Uint8Array): void {
    this.options.metrics.framesReceived.inc();
    // The frame type is a varuint; the awareness type (1) fits its first byte.
    if (frame[0] === FRAME.AWARENESS) {
      if (!this.awarenessBudget.take() || this.rights.mode !== "read-write") {
        this.options.metrics.framesRefused.inc();
        return;
      }
    } else if (!this.budget.take()) {
      this.closeForLimit("frames", CLOSE.LIMIT, "Too many frames per second.");
      return;
    }
    if (!this.byteBudget.take(frame.byteLength)) {
      this.closeForLimit("bytes", CLOSE.LIMIT, "Too many bytes per second.");
      return;
    }
    this.queue = this.queue
      .then(() => this.room.ready)
      .then(() => this.handle(frame))
      .catch((error) => {
        this.options.metrics.closedMalformed.inc();
        this.options.logger.info(
          { err: error, userId: this.user.id, documentId: this.room.documentId },
          "malformed frame; closing socket",
        );
        this.close(CLOSE.MALFORMED, "Malformed frame.");
      });
  }

  private handle(frame: Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === FRAME.SYNC) this.handleSync(decoder);
    else if (type === FRAME.AWARENESS) this.handleAwareness(decoding.readVarUint8Array(decoder));
    else if (type === QUERY_AWARENESS) this.sendPresence();
    else throw new Error(`unknown frame type ${type}`);
  }

  private handleSync(decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder);
    if (kind === SYNC.STEP1) {
      if (!this.syncStep1Budget.take()) {
        this.options.metrics.framesRefused.inc();
        return;
      }
      this.send(this.room.answerStep1(decoding.readVarUint8Array(decoder)));
      return;
    }
    if (kind !== SYNC.STEP2 && kind !== SYNC.UPDATE) throw new Error(`unknown sync frame ${kind}`);
    const update = decoding.readVarUint8Array(decoder);
    if (this.rights.mode !== "read-write") {
      this.options.metrics.framesRefused.inc();
      return;
    }
    if (!this.room.fits(update)) {
      this.closeForLimit(
        "document-size",
        CLOSE.TOO_LARGE,
        "The document has reached its size limit; this edit was not saved. Ask the secretariat.",
      );
      return;
    }
    // Applied with this connection as origin: the room relays it to the others and logs it with this user's id.
    Y.applyUpdate(this.room.doc, update, this);
  }

  private handleAwareness(update: Uint8Array): void {
    if (this.rights.mode !== "read-write") {
      this.options.metrics.framesRefused.inc();
      return;
    }
    // A socket speaks for the first client id it announces, and for no other.
    if (this.awarenessIds.size === 0) {
      const [first] = awarenessClientIds(update);
      const owner = first === undefined ? undefined : this.room.awarenessOwners.get(first);
      if (first !== undefined && (owner === undefined || owner === this.user.id)) {
        this.awarenessIds.add(first);
        this.room.awarenessOwners.set(first, this.user.id);
      }
    }
    const filtered = filterAwarenessUpdate(
      update,
      (id) => this.awarenessIds.has(id),
      { name: this.user.name, color: colorFor(this.user.id) },
      this.options.maxPresenceBytes,
    );
    if (filtered === PRESENCE_TOO_LARGE) {
      this.closeForLimit("presence-size", CLOSE.PRESENCE_TOO_LARGE, "Presence (name, colour, cursor) too large.");
      return;
    }
    if (filtered) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, filtered, this);
  }

  /** Removes this socket's presence (on close, or when it turns read-only). */
  dropPresence(): void {
    if (this.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.room.awareness, [...this.awarenessIds], this);
    for (const id of this.awarenessIds) this.room.awarenessOwners.delete(id);
    this.awarenessIds.clear();
  }
}
