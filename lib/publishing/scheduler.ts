import type { Logger } from "pino";
import { db } from "@/lib/db";
import { publishMilestone } from "./publish";

/** The longest a timer may wait in Node (about 24.8 days); a later milestone re-arms then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Publishes every milestone that is due and not yet published, oldest first
 * (catch-up after downtime keeps both times: due and published).
 */
export async function publishDue(now: Date = new Date(), logger?: Logger): Promise<number> {
  const due = await db().milestone.findMany({
    where: { publishedAt: null, dueAt: { lte: now }, event: { archived: false } },
    orderBy: { dueAt: "asc" },
  });
  let published = 0;
  for (const milestone of due) {
    try {
      const result = await publishMilestone(milestone.eventId, milestone.kind, null, now);
      if (result.published) published += 1;
    } catch (error) {
      logger?.error({ err: error, milestoneId: milestone.id }, "scheduled publication failed");
    }
  }
  return published;
}

/**
 * Arms one timer for the next due milestone (no polling). `rearm()` is called
 * when a schedule changes; the advisory lock in publishMilestone makes it safe
 * for every process to run a scheduler.
 */
export function startScheduler(logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running = Promise.resolve();

  async function arm(): Promise<void> {
    if (stopped) return;
    clearTimeout(timer);
    await publishDue(new Date(), logger);
    const next = await db().milestone.findFirst({
      where: { publishedAt: null, event: { archived: false } },
      orderBy: { dueAt: "asc" },
    });
    if (!next || stopped) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next.dueAt.getTime() - Date.now()));
    timer = setTimeout(() => void rearm(), delay);
  }

  function rearm(): Promise<void> {
    running = running.then(arm).catch((error) => {
      logger.error({ err: error }, "the publication scheduler failed; retrying in 5 s");
      clearTimeout(timer);
      timer = setTimeout(() => void rearm(), 5_000);
    });
    return running;
  }

  const ready = rearm();
  return {
    ready,
    rearm,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
