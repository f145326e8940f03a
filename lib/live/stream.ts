import type { CurrentUser } from "@/lib/auth/session";
import { userForToken } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound, unauthenticated } from "@/lib/errors";
import { documentAccess } from "@/lib/permissions";
import { subscribe } from "./hub";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for an open page: `document` (the live draft's panels
 * and publication notice; who may open the draft) or `version` (a published
 * version's page; anyone). Each event names what changed (`comments`,
 * `event`, `document`, `resync`); the page then reloads that part. Throws
 * 401 or 404 (a draft the user may not see is, to them, not there).
 */
export async function liveStream(
  request: Request,
  user: CurrentUser | null,
  query: { document?: string; version?: string },
): Promise<Response> {
  const documentParam = query.document ?? null;
  const versionParam = query.version ?? null;
  let keys: { documentId: string; eventId: string } | null = null;
  // A version page hears only about its own threads (and the event: a newer version makes it read-only).
  let onlyVersion: string | null = null;
  if (documentParam) {
    const access = await documentAccess(user, documentParam);
    if (access.mode === "none")
      throw access.code === "unauthenticated" ? unauthenticated(access.reason) : notFound(access.reason);
    keys = { documentId: documentParam, eventId: access.eventId };
  } else if (versionParam && UUID.test(versionParam)) {
    const version = await db().version.findUnique({
      where: { id: versionParam },
      select: {
        documentId: true,
        document: { select: { theme: { select: { eventId: true, event: { select: { archived: true } } } } } },
      },
    });
    if (version && !version.document.theme.event.archived) {
      keys = { documentId: version.documentId, eventId: version.document.theme.eventId };
      onlyVersion = versionParam;
    }
  }
  if (!keys) throw notFound("Give ?document=<id> or ?version=<id> of something you can see.");

  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribe({ ...keys, userId: documentParam ? user?.id : undefined }, (signal, versionId) => {
        // The viewer signed out everywhere, or the account was archived: a draft's stream ends with the session.
        if (signal === "user") {
          void userForToken({ uid: user?.id, sv: user?.sessionVersion, sid: user?.sessionId }).then(
            (still) => {
              if (!still) cleanup();
            },
            () => cleanup(),
          );
          return;
        }
        if (onlyVersion && signal === "comments" && versionId !== onlyVersion) return;
        send(`event: ${signal}\ndata: {}\n\n`);
        // People, roles or the document changed: a draft's stream stays open only for who may still open the draft.
        if (documentParam && (signal === "event" || signal === "document" || signal === "resync")) {
          void documentAccess(user, documentParam).then(
            (access) => {
              if (access.mode === "none") cleanup();
            },
            () => cleanup(),
          );
        }
      });
      const heartbeat = setInterval(() => send(": still here\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
      if (request.signal.aborted) return cleanup();
      // Retry quickly after a lost connection. The id makes the browser send Last-Event-ID when it reconnects:
      // whatever happened while it was away is then caught up with a resync.
      send("retry: 2000\nid: 1\n: listening\n\n");
      if (request.headers.get("last-event-id")) send("event: resync\ndata: {}\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
