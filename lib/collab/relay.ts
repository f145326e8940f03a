import { randomUUID } from "node:crypto";
import { createPool } from "@/lib/infra/pools";
import type { Logger } from "pino";
import { listenOn } from "@/lib/collab/listen";

/**
 * What collaboration instances tell each other. The update log is the
 * stream: an instance announces the log rows it appended (a range of ids and
 * how many, never the bytes) and the others read those rows from Postgres.
 * Presence is small and never stored, so it travels in the message itself.
 */
export type RelayMessage =
  /** Rows `from`..`to` (ids, inclusive) of the document's update log: `count` of them were appended. */
  | { kind: "rows"; documentId: string; from: string; to: string; count: number }
  /** An awareness update (y-protocols encoding, base64) of clients on the sender. */
  | { kind: "presence"; documentId: string; update: string }
  /** A room opened on the sender: others answer with the presence they hold for the document. */
  | { kind: "presence-query"; documentId: string }
  /** The sender is alive; its clients' presence stands. Sent at once on starting, then every COLLAB_HEARTBEAT_MS. */
  | { kind: "heartbeat" }
  /**
   * The sender has just heard `to` for the first time (or again after
   * forgetting it) and announces its rows from now on: `to` catches up from
   * the log once, for whatever the sender stored before it knew.
   */
  | { kind: "welcome"; to: string }
  /** The sender is stopping: its clients' presence goes at once. */
  | { kind: "bye" };

/**
 * A message as heard: who sent it, and its place in the sender's sequence (a
 * gap means something was missed). `listens: false` marks a sender that only
 * writes (the app's server-side write path): it is never welcomed, and never
 * counted among the instances that listen.
 */
export type RelayEnvelope = RelayMessage & { instance: string; seq: number; listens?: false };

/**
 * The one seam for traffic between instances: publish to the others, hear
 * them. Postgres NOTIFY/LISTEN is the implementation (no other service to
 * run); another one (Redis pub/sub) fits behind the same four calls.
 */
export interface Relay {
  readonly instanceId: string;
  /** Sends to every other instance; resolves once handed to the transport. */
  publish(message: RelayMessage): Promise<void>;
  /**
   * Hears the other instances (never its own messages). `null`: the listener
   * was cut and is back, so something may have been missed: catch up.
   */
  subscribe(handler: (message: RelayEnvelope | null) => void): void;
  /** Whether it can hear the others now (part of the instance's readiness). */
  listening(): boolean;
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export const RELAY_CHANNEL = "rapporteur_relay";
/** Postgres refuses NOTIFY payloads of 8000 bytes or more; presence larger than this goes one client per message. */
export const MAX_RELAY_PAYLOAD = 7800;

/** The Postgres relay: NOTIFY on one shared channel through a small pool, LISTEN on a connection of its own. */
export function postgresRelay(options: {
  databaseUrl: string;
  logger: Logger;
  instanceId?: string;
  /** Tests: a channel of their own, so that no other instance on the database hears them. */
  channel?: string;
}): Relay & {
  /** Tests: cut the listener's connection (as a network failure would) and keep it cut until `resume`. */ pause(): Promise<void>;
  resume(): Promise<void>;
} {
  const instanceId = options.instanceId ?? randomUUID();
  const channel = options.channel ?? RELAY_CHANNEL;
  const { logger } = options;
  const pool = createPool("relay", options.databaseUrl);
  const handlers: ((message: RelayEnvelope | null) => void)[] = [];
  let seq = 0;
  const listener = listenOn<RelayEnvelope>(options.databaseUrl, logger, [channel], (message) => {
    // Its own messages come back on the shared channel: not news.
    if (message && message.instance === instanceId) return;
    for (const handler of handlers) {
      try {
        handler(message);
      } catch (error) {
        logger.error({ err: error }, "a relay handler failed");
      }
    }
  });

  // One message at a time, in the order published: the others read a jump in the numbers as something missed.
  let sending: Promise<unknown> = Promise.resolve();
  return {
    instanceId,
    ready: listener.ready,
    publish(message) {
      const sent = sending.then(() => {
        // Numbered even when sending fails: the others then see a gap at the next message and catch up.
        seq += 1;
        return pool.query("select pg_notify($1, $2)", [channel, JSON.stringify({ ...message, instance: instanceId, seq })]);
      });
      sending = sent.catch(() => {});
      return sent.then(() => {});
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    listening: listener.connected,
    pause: () => listener.pause(),
    resume: () => listener.resume(),
    async stop() {
      await listener.stop();
      await sending;
      await pool.end().catch(() => {});
    },
  };
}
