import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/events/invitations";

export const signupInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });

async function openEvent(slug: string) {
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) throw notFound(`There is no event "${slug}".`);
  if (!event.openSignup) throw forbidden("This event does not take sign-ups; ask its secretariat for an invitation.");
  return event;
}

/** Self sign-up as a participant, when the event allows it. */
export async function signUpParticipant(slug: string, input: z.infer<typeof signupInput>) {
  const event = await openEvent(slug);
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw conflict("An account with this e-mail address exists already; sign in and join the event from its page.");
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
    await tx.membership.create({ data: { userId: user.id, eventId: event.id, role: "PARTICIPANT" } });
    await recordAudit(tx, { eventId: event.id, actor: user, action: "participant.signup", target: user.email });
    return { event: event.slug, role: "PARTICIPANT" as const };
  });
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
