import { config } from "@/lib/config";
import { CONTROL_CHANNEL, LIVE_CHANNEL, type ControlEvent, type LiveEvent } from "@/lib/collab/control";
import { listenForControl } from "@/lib/collab/listen";
import { logger } from "@/lib/logger";

/**
 * What open pages hear without polling: one Postgres LISTEN connection per
 * app process, fanned out to the server-sent-event streams of that process.
 *
 * - "comments": a thread, reply, amendment or disposition of the document changed;
 * - "event": the event changed (a milestone was published, settings, people);
 * - "document": the document was locked or archived;
 * - "resync": the connection to Postgres was lost and is back: something may
 *   have been missed, so reload.
 */
export type LiveSignal = "comments" | "event" | "document" | "resync";

/** Signals a stream hears for itself only: "user" (the viewer's session version was raised or the account archived). */
export type StreamSignal = LiveSignal | "user";

/** A signal, with the version whose threads changed when it is about comments on a version. */
type Listener = (signal: StreamSignal, versionId?: string | null) => void;

const byDocument = new Map<string, Set<Listener>>();
const byEvent = new Map<string, Set<Listener>>();
const byUser = new Map<string, Set<Listener>>();
let listening: Promise<unknown> | null = null;

function tell(map: Map<string, Set<Listener>>, key: string, signal: StreamSignal, versionId?: string | null) {
  for (const listener of map.get(key) ?? []) listener(signal, versionId);
}

function onNotification(event: ControlEvent | LiveEvent | null): void {
  if (!event) {
    for (const map of [byDocument, byEvent]) for (const set of map.values()) for (const l of set) l("resync");
    return;
  }
  if (event.kind === "comments") tell(byDocument, event.documentId, "comments", event.versionId ?? null);
  else if (event.kind === "event") tell(byEvent, event.eventId, "event");
  else if (event.kind === "document") tell(byDocument, event.documentId, "document");
  else if (event.kind === "user") tell(byUser, event.userId, "user");
}

function ensureListening(): Promise<unknown> {
  listening ??= listenForControl(config().DATABASE_URL!, logger, (event) => onNotification(event), [
    CONTROL_CHANNEL,
    LIVE_CHANNEL,
  ]).ready;
  return listening;
}

function add(map: Map<string, Set<Listener>>, key: string, listener: Listener): () => void {
  const set = map.get(key) ?? new Set();
  set.add(listener);
  map.set(key, set);
  return () => {
    set.delete(listener);
    if (set.size === 0) map.delete(key);
  };
}

/** Hears the signals of one document, its event and (if given) its viewer until the returned function is called. */
export async function subscribe(
  keys: { documentId: string; eventId: string; userId?: string },
  listener: Listener,
): Promise<() => void> {
  await ensureListening();
  const offDocument = add(byDocument, keys.documentId, listener);
  const offEvent = add(byEvent, keys.eventId, listener);
  const offUser = keys.userId ? add(byUser, keys.userId, listener) : () => {};
  return () => {
    offDocument();
    offEvent();
    offUser();
  };
}
