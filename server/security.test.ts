import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FRAME } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { sessionCookie, startTestServer, until } from "./testing";

/** Opens a socket with headers of our choosing; resolves with the upgrade's outcome: "open" or the HTTP status. */
function upgrade(
  port: number,
  documentId: string,
  headers: Record<string, string>,
): Promise<{ outcome: "open" | number; ws: WebSocket; received: Buffer[] }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${documentId}`, { headers });
    // Every frame from the first: the greeting may arrive in the same read as the upgrade's answer.
    const received: Buffer[] = [];
    ws.on("message", (data: Buffer) => received.push(data));
    ws.once("open", () => resolve({ outcome: "open", ws, received }));
    ws.once("unexpected-response", (_request, response) => {
      resolve({ outcome: response.statusCode ?? 0, ws, received });
      response.resume();
    });
    ws.once("error", () => {});
  });
}

let server: CollabServer;
let documentId: string;
let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ maxSocketsPerUser: 20, metricsToken: undefined });
  const event = await makeEvent(db(), { themes: ["One"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  documentId = event.themes[0].document!.id;
  cookie = await sessionCookie(secretariat);
});
afterAll(() => server.close());

describe("the collaboration server refuses other sites", () => {
  it("refuses a browser upgrade from another origin, even with a valid session cookie", async () => {
    const { outcome, ws } = await upgrade(server.port, documentId, { cookie, origin: "https://evil.example" });
    expect(outcome).toBe(403);
    ws.terminate();
  });

  it("accepts the app's own pages (same host name, the app's port) and clients that send no Origin", async () => {
    const cases: Record<string, string>[] = [{ cookie, origin: "http://127.0.0.1:3000" }, { cookie }];
    for (const headers of cases) {
      const { outcome, ws } = await upgrade(server.port, documentId, headers);
      expect(outcome).toBe("open");
      ws.close();
    }
  });

  it("outside the embedded demo, with no configured origin, refuses every browser page and still serves clients that send no Origin", async () => {
    const strict = await startTestServer({ sameHostOrigins: false });
    try {
      expect((await upgrade(strict.port, documentId, { cookie, origin: "http://127.0.0.1:3000" })).outcome).toBe(403);
      const plain = await upgrade(strict.port, documentId, { cookie });
      expect(plain.outcome).toBe("open");
      plain.ws.close();
      process.env.NEXTAUTH_URL = "https://messages.example.org";
      const configured = await upgrade(strict.port, documentId, { cookie, origin: "https://messages.example.org" });
      expect(configured.outcome).toBe("open");
      configured.ws.close();
    } finally {
      delete process.env.NEXTAUTH_URL;
      await strict.close();
    }
  });

  it("answers a malformed percent-escape in the address with 400", async () => {
    expect((await upgrade(server.port, "%E0%A4%A", { cookie })).outcome).toBe(400);
  });

  it("with APP_ORIGINS set, accepts only those origins", async () => {
    process.env.APP_ORIGINS = "https://messages.example.org";
    try {
      expect((await upgrade(server.port, documentId, { cookie, origin: "http://127.0.0.1:3000" })).outcome).toBe(403);
      const allowed = await upgrade(server.port, documentId, { cookie, origin: "https://messages.example.org" });
      expect(allowed.outcome).toBe("open");
      allowed.ws.close();
    } finally {
      delete process.env.APP_ORIGINS;
    }
  });
});

describe("connection limits", () => {
  it("50 upgrades started at once with one cookie and a limit of 20 get exactly 20 sockets", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => upgrade(server.port, documentId, { cookie })));
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === "open")).toHaveLength(20);
    expect(outcomes.filter((o) => o === 429)).toHaveLength(30);
    for (const { ws } of results) ws.terminate();
  });

  it("gives the places back when sockets close", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await Promise.all(Array.from({ length: 20 }, () => upgrade(server.port, documentId, { cookie })));
    expect(again.filter((r) => r.outcome === "open")).toHaveLength(20);
    for (const { ws } of again) ws.terminate();
  });
});

describe("/metrics", () => {
  it("answers loopback clients without a token", async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
  });

  it("with METRICS_TOKEN, answers only requests that present it", async () => {
    const guarded = await startTestServer({ metricsToken: "a-metrics-token-of-length" });
    try {
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).toBe(403);
      const wrong = await fetch(`http://127.0.0.1:${guarded.port}/metrics`, { headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(403);
      const right = await fetch(`http://127.0.0.1:${guarded.port}/metrics`, {
        headers: { authorization: "Bearer a-metrics-token-of-length" },
      });
      expect(right.status).toBe(200);
      expect(await right.text()).toContain("# HELP");
    } finally {
      await guarded.close();
    }
  });
});

/** A sync frame carrying an update that inserts `text` as a paragraph of a fresh client. */
function updateFrame(text: string, kind: "update" | "step1" = "update"): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAME.SYNC);
  const doc = new Y.Doc();
  if (kind === "step1") {
    syncProtocol.writeSyncStep1(encoder, doc);
  } else {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment("default").insert(0, [paragraph]);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness frame announcing `state` for one client id. */
function presenceFrame(clientId: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, 1);
  encoding.writeVarString(update, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, FRAME.AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
  return encoding.toUint8Array(encoder);
}

function closeCode(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

describe("collaboration limits", () => {
  it("closes a socket that sends more bytes per second than its budget (4429)", async () => {
    const limited = await startTestServer({ maxBytesPerSecond: 64 * 1024 });
    try {
      const { outcome, ws } = await upgrade(limited.port, documentId, { cookie });
      expect(outcome).toBe("open");
      const closed = closeCode(ws);
      ws.send(updateFrame("x".repeat(100 * 1024)));
      expect(await closed).toEqual({ code: 4429, reason: "Too many bytes per second." });
    } finally {
      await limited.close();
    }
  });

  it("refuses an edit that would pass the document size limit (4413); the document stays as it was and publishable", async () => {
    const event = await makeEvent(db(), { themes: ["Big"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    const bigDocument = event.themes[0].document!.id;
    const small = await startTestServer({ maxDocumentBytes: 20_000 });
    try {
      const { ws } = await upgrade(small.port, bigDocument, { cookie: await sessionCookie(secretariat) });
      const closed = closeCode(ws);
      ws.send(updateFrame("a fitting edit"));
      ws.send(updateFrame("y".repeat(30_000)));
      const { code, reason } = await closed;
      expect(code).toBe(4413);
      expect(reason).toMatch(/size limit; this edit was not saved/);
      await until(
        async () => (await loadDraft(bigDocument)).getXmlFragment("default").toString().includes("a fitting edit"),
        "the fitting edit stored",
      );
      expect((await loadDraft(bigDocument)).getXmlFragment("default").toString()).not.toContain("yyyy");
      const { versions } = await publishMilestone(event.id, "DAY3", null);
      expect(versions).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it("answers sync step 1 a few times per second at most, without closing the socket", async () => {
    const { ws } = await upgrade(server.port, documentId, { cookie });
    const replies: Uint8Array[] = [];
    ws.on("message", (data: Buffer) => {
      if (data[0] === FRAME.SYNC && data[1] === syncProtocol.messageYjsSyncStep2) replies.push(new Uint8Array(data));
    });
    await until(() => replies.length >= 0 && ws.readyState === ws.OPEN, "open");
    for (let i = 0; i < 30; i++) ws.send(updateFrame("", "step1"));
    // Our own query marks the end of the burst: the server handles frames in order.
    const marker = encoding.createEncoder();
    encoding.writeVarUint(marker, 3);
    let answeredAfter = false;
    ws.on("message", (data: Buffer) => {
      if (data[0] === FRAME.AWARENESS) answeredAfter = true;
    });
    ws.send(encoding.toUint8Array(marker));
    await until(() => answeredAfter, "the frame after the burst answered");
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.length).toBeLessThanOrEqual(4);
    expect(ws.readyState).toBe(ws.OPEN);
    ws.close();
  });

  it("closes a socket that announces a presence past the limit (4431); newcomers stay connected and hear none of it", async () => {
    // The limits of production: 2 MB frames, 16 MB send buffer. Ten presences of 1.9 MB each would fill a newcomer's buffer.
    const strict = await startTestServer({ maxFrameBytes: 2 * 1024 * 1024, maxSendBufferBytes: 16 * 1024 * 1024 });
    try {
      const attackers = await Promise.all(Array.from({ length: 10 }, () => upgrade(strict.port, documentId, { cookie })));
      const closes = attackers.map(({ ws }) => closeCode(ws));
      attackers.forEach(({ ws }, i) => ws.send(presenceFrame(1000 + i, { cursor: "x".repeat(1900 * 1024) })));
      for (const closed of await Promise.all(closes)) expect(closed.code).toBe(4431);
      // A presence within the limit is heard as before.
      const fair = await upgrade(strict.port, documentId, { cookie });
      fair.ws.send(presenceFrame(2000, { cursor: "y".repeat(1000) }));
      const newcomer = await upgrade(strict.port, documentId, { cookie });
      expect(newcomer.outcome).toBe("open");
      const heard = newcomer.received;
      await until(() => heard.some((d) => d[0] === FRAME.AWARENESS && d.includes("yyyy")), "the fair presence heard");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(newcomer.ws.readyState).toBe(newcomer.ws.OPEN);
      expect(heard.reduce((sum, d) => sum + d.byteLength, 0)).toBeLessThan(64 * 1024);
      newcomer.ws.close();
      fair.ws.close();
    } finally {
      await strict.close();
    }
  }, 30_000);

  it("closes a socket whose reader falls too far behind (4408) instead of buffering without bound", async () => {
    const tight = await startTestServer({ maxSendBufferBytes: 256 * 1024 });
    const event = await makeEvent(db(), { themes: ["Busy"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    const busy = event.themes[0].document!.id;
    const own = await sessionCookie(secretariat);
    try {
      const reader = await upgrade(tight.port, busy, { cookie: own });
      const writer = await upgrade(tight.port, busy, { cookie: own });
      // The reader stops reading from its TCP socket: what the server sends it piles up.
      (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      // More than the kernel's socket buffers hold on loopback (a few MB), so the server's own buffer grows.
      for (let i = 0; i < 300 && writer.ws.readyState === writer.ws.OPEN; i++) {
        writer.ws.send(updateFrame(`${i} ${"z".repeat(60 * 1024)}`));
        if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await until(
        async () => {
          const text = await (await fetch(`http://127.0.0.1:${tight.port}/metrics`)).text();
          return /rapporteur_collab_closed_limit_total\{limit="send-buffer"\} [1-9]/.test(text);
        },
        "the slow reader closed",
        20_000,
      );
      expect(writer.ws.readyState).toBe(writer.ws.OPEN);
      reader.ws.terminate();
      writer.ws.close();
    } finally {
      await tight.close();
    }
  }, 60_000);
});
