import type pg from "pg";
import { listenerClient } from "@/lib/infra/pools";
import type { Logger } from "pino";
import { CONTROL_CHANNEL, type ControlEvent } from "@/lib/collab/control";

/**
 * Postgres LISTEN on one connection of its own, for the channels given. Each
 * payload is parsed as JSON and handed over; after a lost connection it
 * reconnects and reports `null` ("something may have been missed"), so the
 * caller catches up. `pause` cuts the connection as a network failure would
 * (tests), `resume` reconnects and reports `null`.
 */
export function listenOn<T>(
  databaseUrl: string,
  logger: Logger,
  channels: readonly string[],
  onMessage: (message: T | null) => void,
) {
  let client: pg.Client | null = null;
  let stopped = false;
  let paused = false;
  let attempt = 0;
  let connecting: Promise<void> | null = null;

  /** One connection attempt loop at a time, however many callers ask. */
  function connect(): Promise<void> {
    connecting ??= connectLoop().finally(() => (connecting = null));
    return connecting;
  }

  async function connectLoop(): Promise<void> {
    while (!stopped && !paused) {
      const next = listenerClient(databaseUrl);
      try {
        await next.connect();
        next.on("notification", (notification) => {
          if (client !== next) return;
          try {
            onMessage(JSON.parse(notification.payload ?? "null") as T);
          } catch {
            logger.warn({ channel: notification.channel }, "ignored a malformed notification");
          }
        });
        next.on("error", (error) => {
          if (client !== next) return;
          logger.warn({ err: error, channels }, "listener lost its connection; reconnecting");
          client = null;
          next.end().catch(() => {});
          if (!stopped && !paused) void connect().then(() => onMessage(null));
        });
        for (const channel of channels) await next.query(`listen ${channel}`);
        // Stopped or paused while connecting: this connection is not wanted.
        if (stopped || paused) {
          await next.end().catch(() => {});
          return;
        }
        client = next;
        attempt = 0;
        return;
      } catch (error) {
        await next.end().catch(() => {});
        attempt += 1;
        logger.warn({ err: error, attempt, channels }, "listener could not connect; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }

  const ready = connect();
  return {
    ready,
    /** Whether it hears the database now (part of the instance's readiness). */
    connected: () => client !== null,
    async pause() {
      paused = true;
      const cut = client;
      client = null;
      await cut?.end().catch(() => {});
    },
    async resume() {
      paused = false;
      await connect();
      onMessage(null);
    },
    async stop() {
      stopped = true;
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}

/** Control events (see lib/collab/control.ts): `null` after a lost connection, so the caller re-checks everything. */
export function listenForControl(
  databaseUrl: string,
  logger: Logger,
  onEvent: (event: ControlEvent | null) => void,
  channels: readonly string[] = [CONTROL_CHANNEL],
) {
  return listenOn<ControlEvent>(databaseUrl, logger, channels, onEvent);
}
