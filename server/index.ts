/**
 * The collaboration server process (`npm start` runs it beside the app).
 * Needs DATABASE_URL and NEXTAUTH_SECRET; listens on COLLAB_PORT.
 */
import { config } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { configuredOrigins } from "@/lib/http/origin";
import { logger } from "@/lib/logger";
import { startScheduler } from "@/lib/publishing/scheduler";
import { startCollabServer } from "./collab-server";

async function main() {
  const settings = config();
  if (!settings.DATABASE_URL) throw new Error("DATABASE_URL must be set for the collaboration server.");
  if (!settings.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set for the collaboration server.");
  if (!settings.RAPPORTEUR_EMBEDDED_DEMO && configuredOrigins().length === 0) {
    logger.warn(
      "Neither NEXTAUTH_URL nor APP_ORIGINS is set: browsers' websocket connections are refused until one names the app's public address.",
    );
  }
  // Publication on schedule runs in this process too; the advisory lock keeps it exactly-once.
  const scheduler = startScheduler(logger.child({ process: "scheduler" }));
  const server = await startCollabServer({
    port: settings.COLLAB_PORT,
    host: settings.HOST,
    metricsToken: settings.METRICS_TOKEN,
    sameHostOrigins: settings.RAPPORTEUR_EMBEDDED_DEMO === "1",
    databaseUrl: settings.DATABASE_URL,
    secret: settings.NEXTAUTH_SECRET,
    logger: logger.child({ process: "collab" }),
    maxFrameBytes: settings.COLLAB_MAX_FRAME_BYTES,
    maxFramesPerSecond: settings.COLLAB_MAX_FRAMES_PER_SECOND,
    maxBytesPerSecond: settings.COLLAB_MAX_BYTES_PER_SECOND,
    maxDocumentBytes: settings.COLLAB_MAX_DOCUMENT_BYTES,
    maxSendBufferBytes: settings.COLLAB_MAX_SEND_BUFFER_BYTES,
    maxPresenceBytes: settings.COLLAB_MAX_PRESENCE_BYTES,
    maxSocketsPerDocument: settings.COLLAB_MAX_SOCKETS_PER_DOCUMENT,
    maxSocketsPerUser: settings.COLLAB_MAX_SOCKETS_PER_USER,
    pingIntervalMs: settings.COLLAB_PING_INTERVAL_MS,
    compactAfter: settings.COLLAB_COMPACT_AFTER,
    fanOutMs: settings.COLLAB_FAN_OUT_MS,
    heartbeatMs: settings.COLLAB_HEARTBEAT_MS,
    presenceTimeoutMs: settings.COLLAB_PRESENCE_TIMEOUT_MS,
    onControl: (event) => {
      if (!event || event.kind === "event") void scheduler.rearm();
    },
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "storing everything before exit");
    scheduler.stop();
    await server.close();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ err: error }, "the collaboration server could not start");
  process.exit(1);
});
