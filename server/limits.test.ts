/** The collaboration server's limits: bytes per second, document size, sync step 1, presence size, slow readers. */
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { sessionCookie, startTestServer, until } from "./testing";
import { upgrade, server, documentId, cookie } from "./security-harness";

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
