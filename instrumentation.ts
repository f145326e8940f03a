/**
 * Runs once when the Next.js server starts: the publication scheduler lives
 * in every process (the collaboration server runs one too), so a milestone is
 * published on time whichever process is up; the advisory lock in
 * publishMilestone keeps it exactly-once.
 */
export async function register() {
  const { config } = await import("@/lib/config");
  const { NEXT_RUNTIME, DATABASE_URL } = config();
  if (NEXT_RUNTIME !== "nodejs" || !DATABASE_URL) return;
  const { logger } = await import("@/lib/logger");
  const { startScheduler } = await import("@/lib/publishing/scheduler");
  const { listenForControl } = await import("@/lib/collab/listen");
  const log = logger.child({ process: "app-scheduler" });
  const scheduler = startScheduler(log);
  listenForControl(DATABASE_URL, log, (event) => {
    if (!event || event.kind === "event") void scheduler.rearm();
  });
}
