import { DateTime } from "luxon";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { conflict, invalid } from "@/lib/errors";
import { isValidTimeZone, MILESTONES } from "@/lib/events/schedule";
import { requireSiteAdmin } from "@/lib/permissions";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "must be at least 2 characters")
  .max(60, "must be at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lower-case letters, digits and single hyphens");

export const createEventInput = z.object({
  name: z.string().trim().min(2).max(200),
  slug: slugSchema,
  place: z.string().trim().max(200).default(""),
  timeZone: z.string().refine(isValidTimeZone, "is not a known time zone (e.g. Europe/Berlin)"),
});

export const updateEventInput = z
  .object({
    name: z.string().trim().min(2).max(200),
    place: z.string().trim().max(200),
    timeZone: z.string().refine(isValidTimeZone, "is not a known time zone (e.g. Europe/Berlin)"),
    openSignup: z.boolean(),
    participantsWatchDrafts: z.boolean(),
    /** "How the messages were developed", plain text; paragraphs separated by blank lines. */
    messagesMethod: z.string().trim().max(5000, "The text on how the messages were developed is longer than 5,000 characters."),
  })
  .partial()
  .strict();

/** Default schedule of a new event: Day 3 and Day 4 at 08:00 and Final at 18:00 in the coming days. */
function defaultSchedule(zone: string) {
  const start = DateTime.now().setZone(zone).startOf("day");
  return {
    DAY3: start.plus({ days: 2 }).set({ hour: 8 }).toJSDate(),
    DAY4: start.plus({ days: 3 }).set({ hour: 8 }).toJSDate(),
    FINAL: start.plus({ days: 3 }).set({ hour: 18 }).toJSDate(),
  };
}

export async function createEvent(actor: CurrentUser, input: z.infer<typeof createEventInput>) {
  requireSiteAdmin(actor);
  const schedule = defaultSchedule(input.timeZone);
  return db().$transaction(async (tx) => {
    if (await tx.event.findUnique({ where: { slug: input.slug } })) {
      throw conflict(`An event with the address "${input.slug}" already exists.`);
    }
    const event = await tx.event.create({
      data: {
        ...input,
        milestones: { create: MILESTONES.map((m) => ({ kind: m.kind, dueAt: schedule[m.kind] })) },
      },
    });
    await recordAudit(tx, { eventId: event.id, actor, action: "event.create", target: event.slug, details: input });
    return event;
  });
}

export async function updateEvent(actor: CurrentUser, eventId: string, input: z.infer<typeof updateEventInput>) {
  if (Object.keys(input).length === 0) throw invalid("Nothing to change.");
  return db().$transaction(async (tx) => {
    const event = await tx.event.update({ where: { id: eventId }, data: input });
    await notifyControl(tx, { kind: "event", eventId });
    await recordAudit(tx, { eventId, actor, action: "event.update", target: event.slug, details: input });
    return event;
  });
}

/** The events a user sees in the workspace: all for a site admin, else their memberships. */
export async function eventsFor(user: Pick<CurrentUser, "id" | "siteAdmin">) {
  const events = await db().event.findMany({
    where: user.siteAdmin ? { archived: false } : { archived: false, memberships: { some: { userId: user.id } } },
    include: { memberships: { where: { userId: user.id } } },
    orderBy: { createdAt: "desc" },
  });
  return events.map(({ memberships, ...event }) => ({
    ...event,
    role: memberships[0]?.role ?? null,
    themeIds: memberships[0]?.themeIds ?? [],
  }));
}
