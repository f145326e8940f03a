import { currentUser, userForToken } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { jsonError } from "@/lib/http/route";
import { subscribe } from "@/lib/live/hub";
import { documentAccess } from "@/lib/permissions";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events for an open page: `?document=<id>` (the live draft's
 * panels and publication notice; who may open the draft) or `?version=<id>`
 * (a published version's page; anyone). Each event names what changed
 * (`comments`, `event`, `document`, `resync`); the page then reloads that part.
 */
export async function GET(request: Request) {
  const query = new URL(request.url).searchParams;
  const documentParam = query.get("document");
  const versionParam = query.get("version");
  let keys: { documentId: string; eventId: string } | null = null;
  const user = documentParam ? await currentUser() : null;
  // A version page hears only about its own threads (and the event: a newer version makes it read-only).
  let onlyVersion: string | null = null;
  if (documentParam) {
    const access = await documentAccess(user, documentParam);
    if (access.mode === "none") {
      // A draft the user may not see is, to them, not there.
      const signedOut = access.code === "unauthenticated";
      return jsonError(access.reason, signedOut ? 401 : 404, { code: signedOut ? "unauthenticated" : "not_found" });
    }
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
  if (!keys) return jsonError("Give ?document=<id> or ?version=<id> of something you can see.", 404, { code: "not_found" });

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
