import { DateTime } from "luxon";
import { invalid } from "@/lib/errors";
import type { MilestoneKind } from "@/lib/generated/prisma/enums";

export const MILESTONES: { kind: MilestoneKind; slug: string; label: string }[] = [
  { kind: "DAY3", slug: "day-3", label: "Day 3" },
  { kind: "DAY4", slug: "day-4", label: "Day 4" },
  { kind: "FINAL", slug: "final", label: "Final" },
];

export function milestoneBySlug(slug: string) {
  const found = MILESTONES.find((m) => m.slug === slug);
  if (!found) throw invalid(`Unknown milestone "${slug}"; use day-3, day-4 or final.`);
  return found;
}

export const milestoneLabel = (kind: MilestoneKind) => MILESTONES.find((m) => m.kind === kind)!.label;
export const milestoneSlug = (kind: MilestoneKind) => MILESTONES.find((m) => m.kind === kind)!.slug;

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/**
 * Turns a wall-clock time entered in the event's zone ("2019-11-28T08:00") into
 * an instant. A time that does not exist there (skipped when clocks go forward)
 * is refused rather than silently moved.
 */
export function localToInstant(local: string, zone: string): Date {
  const parsed = DateTime.fromISO(local, { zone });
  if (!parsed.isValid) throw invalid(`"${local}" is not a date and time like 2019-11-28T08:00.`);
  const wall = local.length >= 16 ? local.slice(0, 16) : local;
  if (parsed.toFormat("yyyy-MM-dd'T'HH:mm") !== wall) {
    throw invalid(`${local} does not exist in ${zone} (the clocks skip it); choose another time.`);
  }
  return parsed.toJSDate();
}

/** The instant as wall-clock time in the zone, in the form the inputs take. */
export function instantToLocal(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

export interface ScheduledMilestone {
  kind: MilestoneKind;
  dueAt: Date;
  publishedAt: Date | null;
}

/**
 * Day 3 < Day 4 < Final, comparing each published milestone by when it was
 * published and each unpublished one by when it is due.
 */
export function checkOrder(milestones: ScheduledMilestone[]): void {
  const ordered = MILESTONES.map((m) => milestones.find((x) => x.kind === m.kind)).filter((m): m is ScheduledMilestone =>
    Boolean(m),
  );
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1];
    const after = ordered[i];
    const t = (m: ScheduledMilestone) => (m.publishedAt ?? m.dueAt).getTime();
    if (t(before) >= t(after)) {
      throw invalid(`${milestoneLabel(after.kind)} must come after ${milestoneLabel(before.kind)}.`);
    }
  }
}
