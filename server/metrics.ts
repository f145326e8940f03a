import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics of one collaboration server (served at /metrics). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "rapporteur_collab_process_" });
  return {
    registry,
    connections: new Gauge({ name: "rapporteur_collab_connections", help: "Open websocket connections", registers: [registry] }),
    rooms: new Gauge({ name: "rapporteur_collab_rooms", help: "Documents held in memory", registers: [registry] }),
    framesReceived: new Counter({
      name: "rapporteur_collab_frames_received_total",
      help: "Frames received",
      registers: [registry],
    }),
    framesRefused: new Counter({
      name: "rapporteur_collab_frames_refused_total",
      help: "Frames dropped because the socket is read-only",
      registers: [registry],
    }),
    insertTransactions: new Counter({
      name: "rapporteur_collab_update_insert_transactions_total",
      help: "Transactions that appended to the update log (one per group commit)",
      registers: [registry],
    }),
    updatesStored: new Counter({
      name: "rapporteur_collab_updates_stored_total",
      help: "Updates appended to the log",
      registers: [registry],
    }),
    storeFailures: new Counter({
      name: "rapporteur_collab_store_failures_total",
      help: "Failed group commits (retried)",
      registers: [registry],
    }),
    updatesRefused: new Counter({
      name: "rapporteur_collab_updates_refused_total",
      help: "Updates the database refused (document locked)",
      registers: [registry],
    }),
    relayedRows: new Counter({
      name: "rapporteur_collab_relayed_rows_total",
      help: "Log rows another instance announced and this one applied",
      registers: [registry],
    }),
    relayGaps: new Counter({
      name: "rapporteur_collab_relay_gaps_total",
      help: "Gaps in another instance's messages (each triggers a catch-up from the log)",
      registers: [registry],
    }),
    closedLimit: new Counter({
      name: "rapporteur_collab_closed_limit_total",
      help: "Sockets closed by a limit (frames or bytes per second, document size, send buffer)",
      labelNames: ["limit"] as const,
      registers: [registry],
    }),
    closedMalformed: new Counter({
      name: "rapporteur_collab_malformed_frames_total",
      help: "Sockets closed for a malformed frame",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
