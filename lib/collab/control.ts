import type { Tx } from "@/lib/db";

/**
 * Control events sent with Postgres NOTIFY and heard by every process with
 * LISTEN (the collaboration server re-checks the rights of open sockets on
 * them). Sent inside the transaction of the change, so they arrive only if it
 * commits, and only after it does.
 */
export const CONTROL_CHANNEL = "rapporteur_control";

export type ControlEvent =
  | { kind: "user"; userId: string } // session version, archive
  | { kind: "event"; eventId: string } // memberships, settings
  | { kind: "document"; documentId: string }; // locked, archived

export async function notifyControl(tx: Tx, event: ControlEvent): Promise<void> {
  await tx.$executeRaw`select pg_notify(${CONTROL_CHANNEL}, ${JSON.stringify(event)})`;
}

/**
 * Live events for open pages (comment panels, version pages, publication
 * notices), on their own channel so that the collaboration server never
 * hears them. Sent like control events: inside the change's transaction.
 */
export const LIVE_CHANNEL = "rapporteur_live";

/** `versionId`: the published version whose threads changed (null or absent: the live draft's). */
export type LiveEvent = { kind: "comments"; documentId: string; eventId: string; versionId?: string | null };

export async function notifyLive(tx: Tx, event: LiveEvent): Promise<void> {
  await tx.$executeRaw`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`;
}
