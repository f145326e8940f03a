import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { conflict } from "@/lib/errors";
import { checkOrder, instantToLocal, localToInstant, milestoneBySlug, MILESTONES } from "@/lib/events/schedule";

export const setMilestoneInput = z.object({
  /** Wall-clock time in the event's zone, e.g. "2019-11-28T08:00". */
  local: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, "use the form 2019-11-28T08:00"),
});

export async function milestonesOf(event: { id: string; timeZone: string }) {
  const rows = await db().milestone.findMany({ where: { eventId: event.id } });
  return MILESTONES.map((m) => {
    const row = rows.find((r) => r.kind === m.kind)!;
    return {
      slug: m.slug,
      label: m.label,
      dueAt: row.dueAt.toISOString(),
      dueLocal: instantToLocal(row.dueAt, event.timeZone),
      publishedAt: row.publishedAt?.toISOString() ?? null,
    };
  });
}

/** Reschedules an unpublished milestone, keeping Day 3 < Day 4 < Final. */
export async function setMilestone(
  actor: CurrentUser,
  event: { id: string; timeZone: string },
  slug: string,
  input: z.infer<typeof setMilestoneInput>,
) {
  const { kind, label } = milestoneBySlug(slug);
  const dueAt = localToInstant(input.local, event.timeZone);
  await db().$transaction(async (tx) => {
    const rows = await tx.milestone.findMany({ where: { eventId: event.id } });
    const row = rows.find((r) => r.kind === kind)!;
    if (row.publishedAt) throw conflict(`${label} is already published; its time can no longer change.`);
    checkOrder(rows.map((r) => (r.kind === kind ? { ...r, dueAt } : r)));
    await tx.milestone.update({ where: { id: row.id }, data: { dueAt } });
    await notifyControl(tx, { kind: "event", eventId: event.id });
    await recordAudit(tx, {
      eventId: event.id,
      actor,
      action: "milestone.schedule",
      target: label,
      details: { local: input.local, timeZone: event.timeZone, dueAt: dueAt.toISOString() },
    });
  });
  return milestonesOf(event);
}
