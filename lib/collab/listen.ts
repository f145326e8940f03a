import pg from "pg";
import type { Logger } from "pino";
import { CONTROL_CHANNEL, type ControlEvent } from "@/lib/collab/control";

/**
 * Listens for control events (Postgres LISTEN) and hands them over. After a
 * lost connection it reconnects and reports `null` ("something may have been
 * missed"), so the caller re-checks everything.
 */
export function listenForControl(
  databaseUrl: string,
  logger: Logger,
  onEvent: (event: ControlEvent | null) => void,
  channels: readonly string[] = [CONTROL_CHANNEL],
) {
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;

  async function connect(): Promise<void> {
    while (!stopped) {
      const next = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
      try {
        await next.connect();
        next.on("notification", (message) => {
          try {
            onEvent(JSON.parse(message.payload ?? "null") as ControlEvent);
          } catch {
            logger.warn({ payload: message.payload }, "ignored a malformed control event");
          }
        });
        next.on("error", (error) => {
          logger.warn({ err: error }, "control listener lost its connection; reconnecting");
          client = null;
          next.end().catch(() => {});
          if (!stopped) void connect().then(() => onEvent(null));
        });
        for (const channel of channels) await next.query(`listen ${channel}`);
        client = next;
        attempt = 0;
        return;
      } catch (error) {
        await next.end().catch(() => {});
        attempt += 1;
        logger.warn({ err: error, attempt }, "control listener could not connect; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }

  const ready = connect();
  return {
    ready,
    /** Whether it hears the database now (part of the instance's readiness). */
    connected: () => client !== null,
    async stop() {
      stopped = true;
      await client?.end().catch(() => {});
    },
  };
}
