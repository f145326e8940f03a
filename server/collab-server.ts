import { randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { CLOSE, type Rights } from "@/lib/collab/protocol";
import type { ControlEvent } from "@/lib/collab/control";
import { closeAppendPool } from "@/lib/drafts/append";
import { sessionDocumentAccess, type DocumentAccess } from "@/lib/permissions";
import { sessionClaims } from "./auth";
import { Connection } from "./connection";
import { listenForControl } from "@/lib/collab/listen";
import { MAX_RELAY_PAYLOAD, postgresRelay, type Relay, type RelayEnvelope } from "@/lib/collab/relay";
import { appendPoolReachable } from "@/lib/drafts/append";
import { collabOriginAllowed } from "@/lib/http/origin";
import { createMetrics } from "./metrics";
import { SocketBudget } from "./socket-budget";
import { Room, type RoomRelay } from "./room";

export interface CollabServerOptions {
  port: number;
  host?: string;
  databaseUrl: string;
  /** The next-auth secret, to read session cookies. */
  secret: string;
  logger: Logger;
  maxFrameBytes: number;
  maxFramesPerSecond: number;
  maxBytesPerSecond: number;
  maxDocumentBytes: number;
  maxSendBufferBytes: number;
  /** Largest presence state one client may announce (JSON bytes); larger closes its socket (4431). Default 4 KiB. */
  maxPresenceBytes?: number;
  maxSocketsPerDocument: number;
  maxSocketsPerUser: number;
  pingIntervalMs: number;
  compactAfter: number;
  /** Least time between two relays of edits to a document's sockets (see Room). */
  fanOutMs?: number;
  /**
   * With no configured origins (NEXTAUTH_URL, APP_ORIGINS), accept browser
   * upgrades from pages on the same host name (the embedded demo). Otherwise
   * a browser's upgrade must come from a configured origin. Default: true.
   */
  sameHostOrigins?: boolean;
  /** With it, /metrics answers anyone presenting it (`Authorization: Bearer …`); without it, loopback clients only. */
  metricsToken?: string;
  /** Hears every control event too (the publication scheduler re-arms on schedule changes). */
  onControl?: (event: ControlEvent | null) => void;
  /**
   * How this instance reaches the others on the same database (see
   * lib/collab/relay.ts): Postgres NOTIFY unless given; `false` for none.
   */
  relay?: Relay | false;
  /** How often this instance tells the others it is alive (default 2 s). */
  heartbeatMs?: number;
  /** Presence relayed from an instance that has said nothing for this long is dropped (default 10 s). */
  presenceTimeoutMs?: number;
}

export type CollabServer = Awaited<ReturnType<typeof startCollabServer>>;

const DEFAULT_MAX_PRESENCE_BYTES = 4096;

/** Connections the kernel may hold before they are accepted (see `http.listen` below). */
const LISTEN_BACKLOG = 4096;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  503: "Service Unavailable",
};

function refuse(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${message}\n`);
}

/** Loopback clients, or anyone presenting the configured token. */
function metricsAllowed(request: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(request.headers.authorization ?? "");
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const peer = request.socket.remoteAddress ?? "";
  return peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
}

const rightsFor = (access: DocumentAccess): Rights =>
  access.mode === "write"
    ? { mode: "read-write", reason: "" }
    : {
        mode: "read-only",
        reason: access.mode === "read" ? access.reason : "",
        ...(access.mode === "read" && access.final ? { final: true } : {}),
      };

/**
 * The collaboration server: y-websocket protocol on `ws://host:port/<documentId>`,
 * next-auth sessions, rights from lib/permissions on every socket, rooms with
 * durable group-committed writes, pushed rights changes, /health and /metrics.
 */
export async function startCollabServer(options: CollabServerOptions) {
  const { logger } = options;
  const metrics = createMetrics();
  const rooms = new Map<string, Room>();
  const connections = new Set<Connection>();
  const closingRooms = new Map<string, Promise<void>>();
  let shuttingDown = false;
  const relay = options.relay === false ? null : (options.relay ?? postgresRelay({ databaseUrl: options.databaseUrl, logger }));
  /**
   * The other instances heard within the presence timeout. Alone, an
   * instance announces nothing but its heartbeat: no message per commit or
   * presence change while no one listens. An instance it hears for the first
   * time is welcomed (and then catches up from the log), so rows stored
   * before the two knew each other are not missed.
   */
  const lastHeard = new Map<string, number>();
  const othersListening = () => lastHeard.size > 0;
  const roomRelay: RoomRelay | undefined = relay
    ? {
        active: othersListening,
        rows: (documentId, rows) =>
          relay.publish({ kind: "rows", documentId, from: rows.from.toString(), to: rows.to.toString(), count: rows.count }),
        presence: (documentId, update) => publishPresence(documentId, update),
      }
    : undefined;

  function publishPresence(documentId: string, update: Uint8Array): void {
    const encoded = Buffer.from(update).toString("base64");
    if (encoded.length > MAX_RELAY_PAYLOAD) {
      logger.warn({ documentId, bytes: update.byteLength }, "presence too large to relay");
      return;
    }
    relay?.publish({ kind: "presence", documentId, update: encoded }).catch((error: unknown) => {
      logger.warn({ err: error, documentId }, "relaying presence failed");
    });
  }

  const http = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/health/live") {
      // Liveness: the process answers. A load balancer restarts an instance that stops answering this.
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ service: "rapporteur", live: true }));
    } else if (path === "/health" || path === "/health/ready") {
      // Readiness: send it sockets only while it reaches the database and hears the other instances.
      void readiness().then((checks) => {
        const ready = !shuttingDown && checks.database && checks.listener;
        response.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
        response.end(
          JSON.stringify({
            service: "rapporteur",
            ok: ready,
            ready,
            live: true,
            stopping: shuttingDown,
            ...checks,
            // How busy it is (rooms, connections) is for /metrics, which not everyone may read.
            instance: instanceId,
          }),
        );
      });
    } else if (path === "/metrics" && !metricsAllowed(request, options.metricsToken)) {
      response.writeHead(403, { "content-type": "text/plain" });
      response.end("Metrics are served to loopback clients, or with METRICS_TOKEN.\n");
    } else if (path === "/metrics") {
      metrics.rooms.set(rooms.size);
      metrics.connections.set(connections.size);
      void metrics.registry.metrics().then(
        (text) => {
          response.writeHead(200, { "content-type": metrics.registry.contentType });
          response.end(text);
        },
        () => {
          response.writeHead(500, { "content-type": "text/plain" });
          response.end("Metrics are unavailable.\n");
        },
      );
    } else {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("Rapporteur collaboration server: connect with a y-websocket client at /<documentId>.\n");
    }
  });

  async function readiness(): Promise<{ database: boolean; listener: boolean }> {
    const database = await appendPoolReachable();
    const listener = control.connected() && (relay ? relay.listening() : true);
    return { database, listener };
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const presenceTimeoutMs = options.presenceTimeoutMs ?? 10_000;
  const instanceId = relay?.instanceId ?? randomUUID();
  const budget = new SocketBudget({
    databaseUrl: options.databaseUrl,
    instanceId,
    perDocument: options.maxSocketsPerDocument,
    perUser: options.maxSocketsPerUser,
    heartbeatMs,
    staleAfterMs: presenceTimeoutMs,
  });
  await budget.start();

  async function roomFor(documentId: string, eventId: string): Promise<Room> {
    // A room still storing and compacting after its last socket left is finished first.
    await closingRooms.get(documentId);
    let room = rooms.get(documentId);
    if (!room) {
      room = new Room(documentId, eventId, {
        metrics,
        logger,
        compactAfter: options.compactAfter,
        fanOutMs: options.fanOutMs,
        maxDocumentBytes: options.maxDocumentBytes,
        onDiverged: rebuild,
        relay: roomRelay,
      });
      rooms.set(documentId, room);
      // The other instances with sockets on this document answer with their clients' presence.
      if (othersListening()) relay?.publish({ kind: "presence-query", documentId }).catch(() => {});
    }
    return room;
  }

  /**
   * A room whose Y.Doc holds edits the store refused (they lost the race to
   * Final) is dropped, and every socket on it told to reload: new sockets get
   * a room loaded from the store, which holds exactly the Final text.
   */
  function rebuild(room: Room): void {
    if (rooms.get(room.documentId) !== room) return;
    rooms.delete(room.documentId);
    logger.info({ documentId: room.documentId, sockets: room.connections.size }, "room held refused edits; clients reload");
    const closing = room
      .close()
      .catch((error) => logger.error({ err: error, documentId: room.documentId }, "closing a room failed"))
      .finally(() => closingRooms.delete(room.documentId));
    closingRooms.set(room.documentId, closing);
    for (const connection of [...room.connections]) {
      connection.close(CLOSE.RELOAD, "Final was published; reloading the published text.");
    }
  }

  function releaseRoom(room: Room): void {
    if (room.connections.size > 0 || rooms.get(room.documentId) !== room) return;
    rooms.delete(room.documentId);
    const closing = room
      .close()
      .catch((error) => logger.error({ err: error, documentId: room.documentId }, "closing a room failed"))
      .finally(() => closingRooms.delete(room.documentId));
    closingRooms.set(room.documentId, closing);
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (shuttingDown) return refuse(socket, 503, "The server is restarting.");
    // Browsers send Origin: a page of another site must not act with the visitor's cookie.
    const origin = request.headers.origin;
    if (origin !== undefined && !collabOriginAllowed(origin, request.headers.host ?? "", options.sameHostOrigins ?? true)) {
      return refuse(socket, 403, "Connections from other sites are refused.");
    }
    let documentId: string;
    try {
      documentId = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname.slice(1).split("/")[0] ?? "");
    } catch {
      return refuse(socket, 400, "The address holds a malformed percent-escape.");
    }
    const claims = await sessionClaims(request, options.secret);
    // One database round trip: the session still stands, and what it may do on this document.
    const checked = claims ? await sessionDocumentAccess(claims, documentId) : null;
    if (!claims || !checked) return refuse(socket, 401, "Sign in first.");
    const session = { claims, user: checked.user };
    const access = checked.access;
    if (access.mode === "none") return refuse(socket, 403, access.reason);
    const place = await budget.reserve(documentId, session.user.id);
    if ("refused" in place) return refuse(socket, 429, place.refused);
    if (socket.destroyed) return place.release();
    socket.once("close", place.release);
    let room: Room;
    try {
      room = await roomFor(documentId, access.eventId);
    } catch (error) {
      place.release();
      throw error;
    }
    if (socket.destroyed) return place.release();
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection(ws, room, session.user, session.claims, rightsFor(access), {
        metrics,
        logger,
        framesPerSecond: options.maxFramesPerSecond,
        bytesPerSecond: options.maxBytesPerSecond,
        maxSendBufferBytes: options.maxSendBufferBytes,
        maxPresenceBytes: options.maxPresenceBytes ?? DEFAULT_MAX_PRESENCE_BYTES,
      });
      connections.add(connection);
      room.connections.add(connection);
      ws.on("close", () => {
        place.release();
        connections.delete(connection);
        room.connections.delete(connection);
        connection.dropPresence();
        releaseRoom(room);
      });
      ws.on("error", () => ws.terminate());
    });
  }

  http.on("upgrade", (request, socket, head) => {
    socket.on("error", () => socket.destroy());
    upgrade(request, socket, head).catch((error) => {
      logger.error({ err: error }, "upgrade failed");
      refuse(socket, 503, "The server could not check your access; try again.");
    });
  });

  /** Applies current rights to open sockets: close on a lost session or right, 101 on a change. */
  async function recheck(matches: (connection: Connection) => boolean): Promise<void> {
    for (const connection of [...connections].filter(matches)) {
      try {
        const checked = await sessionDocumentAccess(connection.claims, connection.room.documentId);
        if (!checked) {
          connection.close(CLOSE.SESSION_ENDED, "Your session has ended; sign in again.");
          continue;
        }
        connection.user = checked.user;
        const access = checked.access;
        if (access.mode === "none") connection.close(CLOSE.FORBIDDEN, access.reason);
        else connection.setRights(rightsFor(access));
      } catch (error) {
        logger.warn({ err: error }, "re-checking a socket's rights failed");
      }
    }
  }

  function onControl(event: ControlEvent | null): void {
    options.onControl?.(event);
    if (!event) void recheck(() => true);
    else if (event.kind === "user") void recheck((c) => c.user.id === event.userId);
    else if (event.kind === "event") void recheck((c) => c.room.eventId === event.eventId);
    else void recheck((c) => c.room.documentId === event.documentId);
  }
  const control = listenForControl(options.databaseUrl, logger, onControl);
  await control.ready;

  // What the other instances say. Their sequence numbers reveal anything missed; so does a lost listener.
  const lastSeq = new Map<string, number>();
  const askPresence = () => {
    if (!othersListening()) return;
    for (const room of rooms.values()) relay?.publish({ kind: "presence-query", documentId: room.documentId }).catch(() => {});
  };
  const catchUpRooms = () => {
    for (const room of rooms.values()) void room.catchUp();
  };
  // Every room reads what it missed from the store, and asks the others again for their clients' presence.
  const catchUpAll = () => {
    catchUpRooms();
    askPresence();
  };
  // Its numbering is kept: should it speak again, a jump still shows what was missed meanwhile.
  const forget = (instance: string) => {
    lastHeard.delete(instance);
    for (const room of rooms.values()) room.dropInstancePresence(instance);
  };
  function onRelay(message: RelayEnvelope | null): void {
    if (!message) {
      // The listener was cut: everyone's numbering starts afresh after this catch-up.
      lastSeq.clear();
      return catchUpAll();
    }
    const previous = lastSeq.get(message.instance);
    if (previous !== undefined && message.seq <= previous) return; // heard already
    lastSeq.set(message.instance, message.seq);
    const known = lastHeard.has(message.instance);
    lastHeard.set(message.instance, Date.now());
    if (!known && message.kind !== "bye") {
      // From now on its rooms hear this one's rows; it reads what this one stored before.
      relay?.publish({ kind: "welcome", to: message.instance }).catch(() => {});
      askPresence();
    }
    if (previous !== undefined && message.seq !== previous + 1) {
      metrics.relayGaps.inc();
      catchUpAll();
    } else if (message.kind === "welcome" && message.to === instanceId) {
      // Rows it stored before it heard this instance were not announced: read them from the log.
      catchUpRooms();
    }
    if (message.kind === "rows") {
      metrics.relayedRows.inc(message.count);
      void rooms.get(message.documentId)?.applyRelayedRows(BigInt(message.from), BigInt(message.to), message.count);
    } else if (message.kind === "presence") {
      rooms.get(message.documentId)?.applyRelayedPresence(Buffer.from(message.update, "base64"), message.instance);
    } else if (message.kind === "presence-query") {
      const presence = rooms.get(message.documentId)?.localPresence();
      if (presence) publishPresence(message.documentId, presence);
    } else if (message.kind === "bye") forget(message.instance);
  }
  relay?.subscribe(onRelay);
  await relay?.ready;
  const beat = () =>
    relay?.publish({ kind: "heartbeat" }).catch((error: unknown) => logger.warn({ err: error }, "relay heartbeat failed"));
  // Said at once, before any socket is taken: the others start announcing to this instance.
  void beat();
  const heartbeat = setInterval(() => {
    void beat();
    const now = Date.now();
    for (const [instance, at] of lastHeard) if (now - at > presenceTimeoutMs) forget(instance);
  }, heartbeatMs);

  // Ping every socket; one that did not answer the previous ping is gone (no ghost carets).
  const pinger = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, options.pingIntervalMs);

  // A plenary's audience arrives at once: a long queue of connections waiting to be accepted (the
  // kernel caps it at net.core.somaxconn) instead of Node's 511, past which connections stall on retries.
  await new Promise<void>((resolve) =>
    http.listen({ port: options.port, host: options.host ?? "0.0.0.0", backlog: LISTEN_BACKLOG }, () => resolve()),
  );
  const port = (http.address() as AddressInfo).port;
  logger.info({ port }, "collaboration server listening");

  return {
    port,
    metrics,
    rooms,
    connections,
    /** Stores everything received, closes every socket (1001), and stops. */
    relay,
    instanceId,
    budget,
    async close(): Promise<void> {
      shuttingDown = true;
      clearInterval(pinger);
      clearInterval(heartbeat);
      await Promise.all([...rooms.values()].map((room) => room.flushed()));
      // Every edit is stored (and announced): the clients reconnect, through the load balancer, to another instance.
      for (const connection of connections) connection.close(CLOSE.GOING_AWAY, "The server is restarting.");
      await relay?.publish({ kind: "bye" }).catch(() => {});
      await Promise.all([...rooms.values()].map((room) => room.close()));
      await Promise.all(closingRooms.values());
      await control.stop();
      await relay?.stop();
      await budget.stop();
      await closeAppendPool();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
