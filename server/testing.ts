import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { encode } from "next-auth/jwt";
import pino from "pino";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { FRAME, readRights, readStored, type Rights } from "@/lib/collab/protocol";
import { startCollabServer, type CollabServerOptions } from "./collab-server";

/** Helpers for tests and benchmarks: a real server, real sockets, stock providers. */

export const TEST_SECRET = randomBytes(24).toString("hex");

export function startTestServer(overrides: Partial<CollabServerOptions> = {}) {
  return startCollabServer({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: process.env.DATABASE_URL!,
    secret: TEST_SECRET,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    maxFrameBytes: 1024 * 1024,
    maxFramesPerSecond: 1000,
    maxBytesPerSecond: 64 * 1024 * 1024,
    maxDocumentBytes: 64 * 1024 * 1024,
    maxSendBufferBytes: 64 * 1024 * 1024,
    maxSocketsPerDocument: 1000,
    maxSocketsPerUser: 1000,
    pingIntervalMs: 30_000,
    compactAfter: 100_000,
    ...overrides,
  });
}

/** A next-auth session cookie for the user, as the app would set it. */
export async function sessionCookie(
  user: { id: string; name: string; email: string; sessionVersion: number },
  secret = TEST_SECRET,
) {
  const token = await encode({
    token: { uid: user.id, sv: user.sessionVersion, sid: randomUUID(), name: user.name, email: user.email },
    secret,
  });
  return `next-auth.session-token=${token}`;
}

/** A `ws` WebSocket class that sends the cookie on its upgrade request, as a browser would. */
export function webSocketWithCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Latest frame 101. */
  rights: Rights | null;
  /** Every frame 100 merged: the highest stored clock heard per client id. */
  stored: Map<number, number>;
  /** Each frame 100 as received, decoded. */
  storedFrames: Map<number, number>[];
  /** Set when the server closed the socket with a 44xx code. */
  closed: { code: number; reason: string } | null;
  destroy(): void;
}

/** A stock y-websocket provider connected as a user. */
export function connectClient(port: number, documentId: string, cookie: string): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, documentId, doc, {
    WebSocketPolyfill: webSocketWithCookie(cookie) as never,
    disableBc: true,
  });
  const client: TestClient = {
    doc,
    provider,
    rights: null,
    stored: new Map(),
    storedFrames: [],
    closed: null,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.messageHandlers[FRAME.RIGHTS] = (_encoder, decoder) => {
    client.rights = readRights(decoder);
  };
  provider.messageHandlers[FRAME.STORED] = (_encoder, decoder) => {
    const frame = Y.decodeStateVector(readStored(decoder));
    client.storedFrames.push(frame);
    for (const [id, clock] of frame) client.stored.set(id, Math.max(client.stored.get(id) ?? 0, clock));
  };
  provider.on("closed", (event) => {
    client.closed = event;
  });
  return client;
}

/** Waits until `check` holds (polling), up to `timeoutMs`; throws with `what` otherwise. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for: ${what}`);
}

/** Text of the document's first paragraph-ish content, for convergence checks. */
export function textOf(doc: Y.Doc): string {
  return doc.getXmlFragment("default").toString();
}

/** The real collaboration server process, as `npm start` runs it; resolves once it answers /health. */
export async function startServerProcess(
  databaseUrl: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const root = path.resolve(import.meta.dirname, "..");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/index.ts")], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: TEST_SECRET,
      COLLAB_PORT: String(port),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await until(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok === true, "server up", 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  return child;
}

/** The current value of one of the server's Prometheus counters. */
export async function readMetric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith(name + " "));
  return Number(line?.split(" ")[1] ?? 0);
}

/**
 * A round-robin TCP proxy in front of several collaboration instances, as an
 * ordinary load balancer would be: each new connection goes to the next
 * instance; one that refuses (killed) is skipped.
 */
export async function startRoundRobinProxy(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((inbound) => {
    open.add(inbound);
    inbound.on("close", () => open.delete(inbound));
    inbound.on("error", () => inbound.destroy());
    const attempt = (tries: number) => {
      const outbound = net.connect(ports[next++ % ports.length], "127.0.0.1");
      let connected = false;
      outbound.once("connect", () => {
        connected = true;
        open.add(outbound);
        inbound.pipe(outbound);
        outbound.pipe(inbound);
      });
      outbound.on("error", () => {
        if (!connected && tries + 1 < ports.length) attempt(tries + 1);
        else inbound.destroy();
        outbound.destroy();
      });
      outbound.on("close", () => {
        open.delete(outbound);
        if (connected) inbound.destroy();
      });
      inbound.on("close", () => outbound.destroy());
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as net.AddressInfo).port,
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
