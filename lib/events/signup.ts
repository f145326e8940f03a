import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";

async function openEvent(slug: string) {
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) throw notFound(`There is no event "${slug}".`);
  if (!event.openSignup) throw forbidden("This event does not take sign-ups; ask its secretariat for an invitation.");
  return event;
}

/** A signed-in user joins an open event as a participant. */
export async function joinAsParticipant(user: CurrentUser, slug: string) {
  const event = await openEvent(slug);
  return db().$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { userId_eventId: { userId: user.id, eventId: event.id } } });
    if (existing) throw conflict(`You are already a member of ${event.name}.`);
    await tx.membership.create({ data: { userId: user.id, eventId: event.id, role: "PARTICIPANT" } });
    await recordAudit(tx, { eventId: event.id, actor: user, action: "participant.join", target: user.email });
    return { event: event.slug, role: "PARTICIPANT" as const };
  });
}
