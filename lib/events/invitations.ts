import { parse } from "csv-parse/sync";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/session";
import { normaliseEmail } from "@/lib/auth/signin";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { config } from "@/lib/config";
import { db, type Db, type Tx } from "@/lib/db";
import { conflict, forbidden, gone, invalid, notFound } from "@/lib/errors";
import { checkThemeIds, roleSchema, themeIdsSchema } from "@/lib/events/members";
import { voidVerifications } from "@/lib/accounts/links";
import type { Role } from "@/lib/generated/prisma/enums";

export const emailSchema = z.string().trim().toLowerCase().email("is not an e-mail address").max(320);
export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(200);
export const nameSchema = z.string().trim().min(1, "is required").max(120);

/** Sessions whose report the invited person will file. */
const sessionIdsSchema = z.array(z.string().uuid()).max(20).default([]);
export const inviteInput = z.object({
  email: emailSchema,
  role: roleSchema,
  themeIds: themeIdsSchema,
  sessionIds: sessionIdsSchema,
});
export const bulkInviteInput = z.object({ csv: z.string().max(200_000), role: roleSchema, themeIds: themeIdsSchema });
export const registerInput = z.object({ name: nameSchema, password: passwordSchema });

export const invitationPath = (token: string) => `/invitations/${token}`;

async function checkSessionIds(tx: Tx, eventId: string, sessionIds: string[]): Promise<string[]> {
  const unique = [...new Set(sessionIds)];
  if (unique.length === 0) return [];
  const found = await tx.session.count({ where: { eventId, id: { in: unique } } });
  if (found !== unique.length) throw invalid("sessionIds: every session must be one of this event's.");
  return unique;
}

async function issue(
  tx: Tx,
  actor: CurrentUser,
  eventId: string,
  email: string,
  role: Role,
  themeIds: string[],
  sessionIds: string[] = [],
) {
  const existing = await tx.membership.findFirst({ where: { eventId, user: { email } } });
  if (existing) return { email, skipped: `already a member (${existing.role.toLowerCase()})` } as const;
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + config().INVITATION_TTL_HOURS * 3600_000);
  const invitation = await tx.invitation.create({
    data: { eventId, email, role, themeIds, sessionIds, tokenHash, expiresAt, invitedById: actor.id },
  });
  await recordAudit(tx, { eventId, actor, action: "invitation.create", target: email, details: { role, themeIds, sessionIds } });
  return { email, id: invitation.id, role, expiresAt: expiresAt.toISOString(), path: invitationPath(token) } as const;
}

/** Invites one e-mail address; the returned link is shown to the secretariat to copy. */
export async function invite(actor: CurrentUser, eventId: string, input: z.input<typeof inviteInput>) {
  return db().$transaction(async (tx) => {
    const themeIds = await checkThemeIds(tx, eventId, input.role, input.themeIds ?? []);
    const sessionIds = await checkSessionIds(tx, eventId, input.sessionIds ?? []);
    const result = await issue(tx, actor, eventId, input.email, input.role, themeIds, sessionIds);
    if ("skipped" in result)
      throw conflict(`${input.email} is ${result.skipped}; change their role in the list of people instead.`);
    return result;
  });
}

/** Reads e-mail addresses from a CSV: every cell that looks like an address, header rows ignored. */
export function emailsFromCsv(csv: string): { emails: string[]; invalid: string[] } {
  let rows: string[][];
  try {
    rows = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw invalid(`The CSV could not be read: ${(error as Error).message}`);
  }
  const emails: string[] = [];
  const bad: string[] = [];
  rows.forEach((row, index) => {
    const cell = row.find((c) => c.includes("@")) ?? row[0] ?? "";
    if (index === 0 && /e-?mail/i.test(row.join(" "))) return;
    const parsed = emailSchema.safeParse(cell);
    if (parsed.success) {
      if (!emails.includes(parsed.data)) emails.push(parsed.data);
    } else if (cell) {
      bad.push(cell);
    }
  });
  return { emails, invalid: bad };
}

export async function inviteMany(actor: CurrentUser, eventId: string, input: z.infer<typeof bulkInviteInput>) {
  const { emails, invalid: bad } = emailsFromCsv(input.csv);
  if (emails.length === 0) throw invalid("The CSV contains no e-mail address.");
  if (emails.length > 1000) throw invalid("At most 1,000 invitations at once.");
  return db().$transaction(async (tx) => {
    const themeIds = await checkThemeIds(tx, eventId, input.role, input.themeIds);
    const results = [];
    for (const email of emails) results.push(await issue(tx, actor, eventId, email, input.role, themeIds));
    return {
      invited: results.filter((r): r is Extract<typeof r, { path: string }> => "path" in r),
      skipped: results.filter((r): r is Extract<typeof r, { skipped: string }> => "skipped" in r),
      invalid: bad,
    };
  });
}

export async function pendingInvitations(eventId: string) {
  const rows = await db().invitation.findMany({
    where: { eventId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((i) => ({
    id: i.id,
    email: i.email,
    role: i.role,
    themeIds: i.themeIds,
    sessionIds: i.sessionIds,
    expiresAt: i.expiresAt.toISOString(),
  }));
}

export async function revokeInvitation(actor: CurrentUser, eventId: string, invitationId: string) {
  await db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, eventId, usedAt: null, revokedAt: null } });
    if (!invitation) throw notFound("There is no open invitation with that id.");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { eventId, actor, action: "invitation.revoke", target: invitation.email });
  });
}

/** An invitation by its token, if it can still be used; otherwise a clear 404/410. */
async function usableInvitation(tx: Tx | Db, token: string) {
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { event: true } });
  if (!invitation || invitation.revokedAt || invitation.event.archived) throw notFound("This invitation link is not valid.");
  if (invitation.usedAt) throw gone("This invitation has already been used.");
  if (invitation.expiresAt <= new Date()) throw gone("This invitation has expired; ask the secretariat for a new one.");
  return invitation;
}

/** What the invitation page shows before accepting. */
export async function describeInvitation(token: string) {
  const invitation = await usableInvitation(db(), token);
  // An account whose address nobody has proven is the invitee's to take over: it counts as none.
  const account = await db().user.findUnique({ where: { email: invitation.email }, select: { emailVerifiedAt: true } });
  return {
    email: invitation.email,
    role: invitation.role,
    event: { slug: invitation.event.slug, name: invitation.event.name },
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: Boolean(account?.emailVerifiedAt),
  };
}

async function join(tx: Tx, invitation: Awaited<ReturnType<typeof usableInvitation>>, user: { id: string; name: string }) {
  const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: new Date() } });
  if (claimed.count === 0) throw gone("This invitation has already been used.");
  const existing = await tx.membership.findUnique({
    where: { userId_eventId: { userId: user.id, eventId: invitation.eventId } },
  });
  if (existing) throw conflict(`You are already a member of ${invitation.event.name}.`);
  await tx.membership.create({
    data: { userId: user.id, eventId: invitation.eventId, role: invitation.role, themeIds: invitation.themeIds },
  });
  // The sessions the invitation named (those still in the programme): this person files their reports.
  const sessions = await tx.session.findMany({
    where: { eventId: invitation.eventId, id: { in: invitation.sessionIds } },
    select: { id: true },
  });
  await tx.sessionReporter.createMany({
    data: sessions.map((s) => ({ sessionId: s.id, userId: user.id })),
    skipDuplicates: true,
  });
  await recordAudit(tx, {
    eventId: invitation.eventId,
    actor: user,
    action: "invitation.accept",
    target: invitation.email,
    details: { role: invitation.role },
  });
  return { event: invitation.event.slug, role: invitation.role };
}

/** An existing account accepts by being signed in as the invited address; its password is untouched. */
export async function acceptInvitation(user: CurrentUser, token: string) {
  return db().$transaction(async (tx) => {
    const invitation = await usableInvitation(tx, token);
    if (normaliseEmail(user.email) !== invitation.email) {
      throw forbidden(`This invitation is for ${invitation.email}; sign in with that address to accept it.`);
    }
    return join(tx, invitation, user);
  });
}

/**
 * A new person sets their name and password; refused if the address already
 * has a proven account. The link reached the address, so it proves it: an
 * unproven account of that address (someone's sign-up that was never
 * confirmed) is taken over, its older sessions and links ended.
 */
export async function registerWithInvitation(token: string, input: z.infer<typeof registerInput>) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const invitation = await usableInvitation(tx, token);
    const existing = await tx.user.findUnique({ where: { email: invitation.email } });
    if (existing?.emailVerifiedAt || existing?.archived) {
      throw conflict("An account with this e-mail address exists already; sign in to accept the invitation.");
    }
    const user = existing
      ? await tx.user.update({
          where: { id: existing.id },
          data: { name: input.name, passwordHash, emailVerifiedAt: new Date(), sessionVersion: { increment: 1 } },
        })
      : await tx.user.create({ data: { email: invitation.email, name: input.name, passwordHash, emailVerifiedAt: new Date() } });
    if (existing) await voidVerifications(tx, existing.id);
    const joined = await join(tx, invitation, user);
    return { ...joined, email: user.email };
  });
}
