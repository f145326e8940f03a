import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import type { WebSocketServer } from "ws";
import { collabOriginAllowed } from "@/lib/http/origin";
import { sessionDocumentAccess } from "@/lib/permissions";
import { sessionClaims } from "./auth";
import { Connection, type ConnectionOptions } from "./connection";
import type { Metrics } from "./metrics";
import { rightsFor } from "./rights";
import type { RoomRegistry } from "./rooms";
import type { SocketBudget } from "./socket-budget";

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

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { "content-type": "text/plain" });
  response.end(body);
}

/** The collaboration server's plain HTTP answers: liveness, readiness and metrics. */
export function httpEndpoints(options: {
  instanceId: string;
  metrics: Metrics;
  registry: RoomRegistry;
  metricsToken?: string;
  stopping(): boolean;
  readiness(): Promise<{ database: boolean; listener: boolean }>;
}) {
  const { metrics, registry } = options;
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/health/live") {
      // Liveness: the process answers. A load balancer restarts an instance that stops answering this.
      json(response, 200, { service: "rapporteur", live: true });
    } else if (path === "/health" || path === "/health/ready") {
      // Readiness: send it sockets only while it reaches the database and hears the other instances.
      void options.readiness().then((checks) => {
        const stopping = options.stopping();
        const ready = !stopping && checks.database && checks.listener;
        // How busy it is (rooms, connections) is for /metrics, which not everyone may read.
        json(response, ready ? 200 : 503, {
          service: "rapporteur",
          ok: ready,
          ready,
          live: true,
          stopping,
          ...checks,
          instance: options.instanceId,
        });
      });
    } else if (path === "/metrics" && !metricsAllowed(request, options.metricsToken)) {
      text(response, 403, "Metrics are served to loopback clients, or with METRICS_TOKEN.\n");
    } else if (path === "/metrics") {
      metrics.rooms.set(registry.rooms.size);
      metrics.connections.set(registry.connections.size);
      void metrics.registry.metrics().then(
        (body) => {
          response.writeHead(200, { "content-type": metrics.registry.contentType });
          response.end(body);
        },
        () => text(response, 500, "Metrics are unavailable.\n"),
      );
    } else {
      text(response, 404, "Rapporteur collaboration server: connect with a y-websocket client at /<documentId>.\n");
    }
  };
}

/**
 * The websocket upgrade, `ws://host:port/<documentId>`: the page's origin,
 * the next-auth session and its rights on the document (one database round
 * trip), a place in the socket budget, the room; then a `Connection` that
 * applies those rights to every frame.
 */
export function upgradeEndpoint(options: {
  secret: string;
  sameHostOrigins: boolean;
  logger: Logger;
  wss: WebSocketServer;
  budget: SocketBudget;
  registry: RoomRegistry;
  connection: ConnectionOptions;
  stopping(): boolean;
}) {
  const { budget, registry } = options;

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (options.stopping()) return refuse(socket, 503, "The server is restarting.");
    // Browsers send Origin: a page of another site must not act with the visitor's cookie.
    const origin = request.headers.origin;
    if (origin !== undefined && !collabOriginAllowed(origin, request.headers.host ?? "", options.sameHostOrigins)) {
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
    const access = checked.access;
    if (access.mode === "none") return refuse(socket, 403, access.reason);
    const place = await budget.reserve(documentId, checked.user.id);
    if ("refused" in place) return refuse(socket, 429, place.refused);
    if (socket.destroyed) return place.release();
    socket.once("close", place.release);
    const room = await registry.open(documentId, access.eventId).catch((error: unknown) => {
      place.release();
      throw error;
    });
    if (socket.destroyed) return place.release();
    options.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection(ws, room, checked.user, claims, rightsFor(access), options.connection);
      registry.add(connection);
      ws.on("close", () => {
        place.release();
        registry.remove(connection);
      });
      ws.on("error", () => ws.terminate());
    });
  }

  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on("error", () => socket.destroy());
    upgrade(request, socket, head).catch((error) => {
      options.logger.error({ err: error }, "upgrade failed");
      refuse(socket, 503, "The server could not check your access; try again.");
    });
  };
}
