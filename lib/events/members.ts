import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import type { CurrentUser } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { conflict, invalid, notFound } from "@/lib/errors";

export const roleSchema = z.enum(["SECRETARIAT", "RAPPORTEUR", "PARTICIPANT"]);
export const themeIdsSchema = z.array(z.string().uuid()).max(100).default([]);

export const updateMembershipInput = z.object({ role: roleSchema, themeIds: themeIdsSchema }).strict();

/** Theme lists must name themes of this event, and only matter for rapporteurs (kept empty for the other roles). */
export async function checkThemeIds(tx: Tx, eventId: string, role: string, themeIds: string[]): Promise<string[]> {
  const unique = [...new Set(themeIds)];
  const found = unique.length === 0 ? 0 : await tx.theme.count({ where: { eventId, id: { in: unique }, archived: false } });
  if (found !== unique.length) throw invalid("themeIds: names a theme that is not part of this event.");
  return role === "RAPPORTEUR" ? unique : [];
}

export async function membersOf(eventId: string) {
  const rows = await db().membership.findMany({
    where: { eventId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email, role: m.role, themeIds: m.themeIds }));
}

async function membershipOf(tx: Tx, eventId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { userId_eventId: { userId, eventId } },
    include: { user: true },
  });
  if (!membership) throw notFound("This person is not a member of the event.");
  return membership;
}

/** Keeps at least one secretariat member, so the event is never left without one. */
async function assertAnotherSecretariat(tx: Tx, eventId: string, userId: string) {
  const others = await tx.membership.count({ where: { eventId, role: "SECRETARIAT", userId: { not: userId } } });
  if (others === 0) throw conflict("An event needs at least one secretariat member; appoint another one first.");
}

export async function updateMembership(
  actor: CurrentUser,
  eventId: string,
  userId: string,
  input: z.infer<typeof updateMembershipInput>,
) {
  return db().$transaction(async (tx) => {
    const membership = await membershipOf(tx, eventId, userId);
    if (input.role !== "PARTICIPANT" && !membership.user.emailVerifiedAt) {
      throw conflict(`${membership.user.email} has not confirmed their address yet; until then they can only be a participant.`);
    }
    if (membership.role === "SECRETARIAT" && input.role !== "SECRETARIAT") await assertAnotherSecretariat(tx, eventId, userId);
    const themeIds = await checkThemeIds(tx, eventId, input.role, input.themeIds);
    await tx.membership.update({ where: { id: membership.id }, data: { role: input.role, themeIds } });
    await notifyControl(tx, { kind: "event", eventId });
    await recordAudit(tx, {
      eventId,
      actor,
      action: "member.update",
      target: membership.user.email,
      details: { from: membership.role, to: input.role, themeIds },
    });
  });
}

export async function removeMembership(actor: CurrentUser, eventId: string, userId: string) {
  return db().$transaction(async (tx) => {
    const membership = await membershipOf(tx, eventId, userId);
    if (membership.role === "SECRETARIAT") await assertAnotherSecretariat(tx, eventId, userId);
    await tx.membership.delete({ where: { id: membership.id } });
    await notifyControl(tx, { kind: "event", eventId });
    await recordAudit(tx, {
      eventId,
      actor,
      action: "member.remove",
      target: membership.user.email,
      details: { role: membership.role },
    });
  });
}
