import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { CLOSE } from "@/lib/collab/protocol";
import type { ControlEvent } from "@/lib/collab/control";
import { appendPoolReachable, closeAppendPool } from "@/lib/drafts/append";
import { postgresRelay, type Relay } from "@/lib/collab/relay";
import { Cluster } from "./cluster";
import { httpEndpoints, upgradeEndpoint } from "./endpoints";
import { createMetrics } from "./metrics";
import { watchRights } from "./rights";
import type { Room } from "./room";
import { RoomRegistry } from "./rooms";
import { SocketBudget } from "./socket-budget";

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

/**
 * The collaboration server: y-websocket protocol on `ws://host:port/<documentId>`,
 * next-auth sessions, rights from lib/permissions on every socket, rooms with
 * durable group-committed writes, pushed rights changes, /health and /metrics.
 * This is its wiring: each part lives in a file of its own (docs/ARCHITECTURE.md).
 *
 * - endpoints.ts: the HTTP answers and the websocket upgrade
 * - rooms.ts: the rooms open on this instance, and their sockets
 * - room.ts: one document in memory and its fan-out; durable-log.ts: how it is stored
 * - connection.ts: one socket, its rights applied to every frame
 * - rights.ts: rights re-checked on open sockets when the app says they changed
 * - cluster.ts: the other instances on the same database
 */
export async function startCollabServer(options: CollabServerOptions) {
  const { logger } = options;
  const metrics = createMetrics();
  let stopping = false;
  const relay = options.relay === false ? null : (options.relay ?? postgresRelay({ databaseUrl: options.databaseUrl, logger }));
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const presenceTimeoutMs = options.presenceTimeoutMs ?? 10_000;
  const rooms = new Map<string, Room>();
  const cluster = new Cluster(relay, { logger, metrics, rooms, heartbeatMs, presenceTimeoutMs });
  const registry = new RoomRegistry({
    rooms,
    metrics,
    logger,
    cluster,
    compactAfter: options.compactAfter,
    fanOutMs: options.fanOutMs,
    maxDocumentBytes: options.maxDocumentBytes,
  });
  const budget = new SocketBudget({
    databaseUrl: options.databaseUrl,
    instanceId: cluster.instanceId,
    perDocument: options.maxSocketsPerDocument,
    perUser: options.maxSocketsPerUser,
    heartbeatMs,
    staleAfterMs: presenceTimeoutMs,
  });
  await budget.start();
  const control = watchRights({
    databaseUrl: options.databaseUrl,
    logger,
    connections: registry.connections,
    onControl: options.onControl,
  });
  await control.ready;
  await cluster.start();

  const http = createServer(
    httpEndpoints({
      instanceId: cluster.instanceId,
      metrics,
      registry,
      metricsToken: options.metricsToken,
      stopping: () => stopping,
      readiness: async () => ({
        database: await appendPoolReachable(),
        listener: control.connected() && cluster.listening(),
      }),
    }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes });
  http.on(
    "upgrade",
    upgradeEndpoint({
      secret: options.secret,
      sameHostOrigins: options.sameHostOrigins ?? true,
      logger,
      wss,
      budget,
      registry,
      stopping: () => stopping,
      connection: {
        metrics,
        logger,
        framesPerSecond: options.maxFramesPerSecond,
        bytesPerSecond: options.maxBytesPerSecond,
        maxSendBufferBytes: options.maxSendBufferBytes,
        maxPresenceBytes: options.maxPresenceBytes ?? DEFAULT_MAX_PRESENCE_BYTES,
      },
    }),
  );

  // Ping every socket; one that did not answer the previous ping is gone (no ghost carets).
  const pinger = setInterval(() => {
    for (const connection of registry.connections) {
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
    rooms: registry.rooms,
    connections: registry.connections,
    relay,
    instanceId: cluster.instanceId,
    budget,
    /** Stores everything received, closes every socket (1001), and stops. */
    async close(): Promise<void> {
      stopping = true;
      clearInterval(pinger);
      await registry.flushAll();
      // Every edit is stored (and announced): the clients reconnect, through the load balancer, to another instance.
      for (const connection of registry.connections) connection.close(CLOSE.GOING_AWAY, "The server is restarting.");
      await cluster.leave();
      await registry.closeAll();
      await control.stop();
      await cluster.stop();
      await budget.stop();
      await closeAppendPool();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
