/** A collaboration server with one document and a secretariat's cookie, shared by security.test.ts and limits.test.ts. */
import WebSocket from "ws";
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { sessionCookie, startTestServer } from "./testing";

/** Opens a socket with headers of our choosing; resolves with the upgrade's outcome: "open" or the HTTP status. */
export function upgrade(
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

export let server: CollabServer;
export let documentId: string;
export let cookie: string;

beforeAll(async () => {
  server = await startTestServer({ maxSocketsPerUser: 20, metricsToken: undefined });
  const event = await makeEvent(db(), { themes: ["One"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  documentId = event.themes[0].document!.id;
  cookie = await sessionCookie(secretariat);
});
afterAll(() => server.close());
