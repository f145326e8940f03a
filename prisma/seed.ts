import { DateTime } from "luxon";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { publishMilestone } from "@/lib/publishing/publish";
import { demoThemes } from "./demo-content";

export const DEMO_EVENT = "igf-2019";
export const DEMO_PASSWORD = "rapporteur-demo";
export const DEMO_ZONE = "Europe/Berlin";

export const DEMO_ACCOUNTS = [
  { email: "secretariat@example.org", name: "Sam Secretariat", role: "SECRETARIAT", siteAdmin: true, themes: [] },
  { email: "rapporteur1@example.org", name: "Rita Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: [] },
  { email: "rapporteur2@example.org", name: "Ravi Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: [] },
  { email: "rapporteur3@example.org", name: "Rosa Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: ["security"] },
  { email: "participant1@example.org", name: "Pat Participant", role: "PARTICIPANT", siteAdmin: false, themes: [] },
  { email: "participant2@example.org", name: "Paz Participant", role: "PARTICIPANT", siteAdmin: false, themes: [] },
] as const;

/**
 * The demo week, placed around `now` so that it always shows a week in
 * progress: Day 3 this morning, Day 4 tomorrow at 08:00, Final tomorrow evening
 * (Europe/Berlin).
 */
export function demoSchedule(now: Date) {
  const today = DateTime.fromJSDate(now, { zone: DEMO_ZONE }).startOf("day");
  return {
    DAY3: today.set({ hour: 8 }).toJSDate(),
    DAY4: today.plus({ days: 1 }).set({ hour: 8 }).toJSDate(),
    FINAL: today.plus({ days: 1 }).set({ hour: 18 }).toJSDate(),
  };
}

/** Seeds the IGF 2019 demo; does nothing if its event exists already. Returns whether it seeded. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  if (await db.event.findUnique({ where: { slug: DEMO_EVENT } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schedule = demoSchedule(now);
  const seeded = await db.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        slug: DEMO_EVENT,
        name: "IGF 2019",
        place: "Berlin",
        timeZone: DEMO_ZONE,
        openSignup: true,
        participantsWatchDrafts: false,
        milestones: { create: (["DAY3", "DAY4", "FINAL"] as const).map((kind) => ({ kind, dueAt: schedule[kind] })) },
      },
    });
    const themeIds: Record<string, string> = {};
    for (const [position, theme] of demoThemes.entries()) {
      const created = await tx.theme.create({
        data: {
          eventId: event.id,
          slug: theme.slug,
          title: theme.title,
          position,
          document: { create: { title: theme.title, state: documentJsonToUpdate(theme.doc) } },
        },
      });
      themeIds[theme.slug] = created.id;
    }
    for (const account of DEMO_ACCOUNTS) {
      const user = await tx.user.upsert({
        where: { email: account.email },
        update: {},
        create: { email: account.email, name: account.name, passwordHash, siteAdmin: account.siteAdmin },
      });
      await tx.membership.create({
        data: { userId: user.id, eventId: event.id, role: account.role, themeIds: account.themes.map((slug) => themeIds[slug]) },
      });
    }
    await tx.auditEvent.create({ data: { eventId: event.id, actorName: "system", action: "demo.seed", target: DEMO_EVENT } });
    const secretariat = await tx.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
    return { eventId: event.id, secretariat: { id: secretariat.id, name: secretariat.name } };
  });
  // The demo week is under way: Day 3 is out, published by the secretariat at seeding.
  await publishMilestone(seeded.eventId, "DAY3", seeded.secretariat, now, db);
  return true;
}
