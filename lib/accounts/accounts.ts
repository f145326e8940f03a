import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/session";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { conflict, forbidden, gone, notFound } from "@/lib/errors";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/events/invitations";
import { requireSiteAdmin } from "@/lib/permissions";
import { voidResetLinks } from "./links";

export const changePasswordInput = z.object({ currentPassword: z.string().min(1), newPassword: passwordSchema });
export const resetPasswordInput = z.object({ password: passwordSchema });
export const createUserInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });

export const passwordResetPath = (token: string) => `/reset/${token}`;

/**
 * Changes one's password and ends every other session (and their sockets):
 * whoever knew the old password is out. Returns the user at the new session
 * version, for the route to re-issue the caller's own session cookie.
 */
export async function changePassword(user: CurrentUser, input: z.infer<typeof changePasswordInput>) {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    throw forbidden("Your current password is not correct.");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, name: true, email: true, sessionVersion: true },
    });
    await voidResetLinks(tx, user.id);
    await notifyControl(tx, { kind: "user", userId: user.id });
    await recordAudit(tx, { actor: user, action: "account.password-change", target: user.email });
    return updated;
  });
}

/** Ends every session of this user, here and on the collaboration server. */
export async function signOutEverywhere(user: CurrentUser) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    await notifyControl(tx, { kind: "user", userId: user.id });
    await recordAudit(tx, { actor: user, action: "account.sign-out-everywhere", target: user.email });
  });
}

/** A site admin issues a single-use reset link for someone, shown to copy. */
export async function issuePasswordReset(admin: CurrentUser, userId: string) {
  requireSiteAdmin(admin);
  const target = await db().user.findUnique({ where: { id: userId } });
  if (!target || target.archived) throw notFound("There is no such user.");
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + config().PASSWORD_RESET_TTL_HOURS * 3600_000);
  await db().$transaction(async (tx) => {
    await voidResetLinks(tx, userId);
    await tx.passwordReset.create({ data: { userId, tokenHash, expiresAt, issuedById: admin.id } });
    await recordAudit(tx, { actor: admin, action: "account.password-reset-issue", target: target.email });
  });
  return { email: target.email, path: passwordResetPath(token), expiresAt: expiresAt.toISOString() };
}

/** Sets a new password from a reset link and ends every older session. */
export async function resetPassword(token: string, input: z.infer<typeof resetPasswordInput>) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
    if (!reset || reset.user.archived) throw notFound("This password-reset link is not valid.");
    if (reset.usedAt) throw gone("This password-reset link has already been used.");
    if (reset.expiresAt <= new Date()) throw gone("This password-reset link has expired; ask a site admin for a new one.");
    const claimed = await tx.passwordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count === 0) throw gone("This password-reset link has already been used.");
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await voidResetLinks(tx, reset.userId);
    await notifyControl(tx, { kind: "user", userId: reset.userId });
    await recordAudit(tx, { actor: reset.user, action: "account.password-reset", target: reset.user.email });
    return { email: reset.user.email };
  });
}

export async function listUsers(admin: CurrentUser) {
  requireSiteAdmin(admin);
  return db().user.findMany({
    select: { id: true, email: true, name: true, siteAdmin: true, archived: true, createdAt: true },
    orderBy: [{ archived: "asc" }, { email: "asc" }],
  });
}

/** The account a site admin acts on: it exists, and it is not the admin's own (nobody locks themselves out). */
async function otherAccount(admin: CurrentUser, userId: string) {
  requireSiteAdmin(admin);
  if (userId === admin.id) throw conflict("You cannot do that to your own account.");
  const target = await db().user.findUnique({ where: { id: userId } });
  if (!target) throw notFound("There is no such user.");
  return target;
}

/**
 * A site admin deactivates an account: it can no longer sign in, its sessions
 * and sockets end at once; its words, comments and the versions it published
 * stay as they are (an account with a history is never deleted).
 */
export async function deactivateAccount(admin: CurrentUser, userId: string) {
  const target = await otherAccount(admin, userId);
  if (target.archived) throw conflict("This account is deactivated already.");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { archived: true, siteAdmin: false, sessionVersion: { increment: 1 } } });
    await voidResetLinks(tx, userId);
    await notifyControl(tx, { kind: "user", userId });
    await recordAudit(tx, { actor: admin, action: "account.deactivate", target: target.email });
  });
}

/** A site admin takes site-admin rights away from someone else; that person's open pages and sockets follow at once. */
export async function revokeSiteAdmin(admin: CurrentUser, userId: string) {
  const target = await otherAccount(admin, userId);
  if (!target.siteAdmin) throw conflict("This account is not a site admin.");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { siteAdmin: false } });
    await notifyControl(tx, { kind: "user", userId });
    await recordAudit(tx, { actor: admin, action: "account.site-admin-revoke", target: target.email });
  });
}

/** Creates a site admin, or promotes an existing account (npm run create-admin). */
/**
 * Makes a site admin. An account that already has the address is promoted
 * only when `promoteExisting` says so: whoever signed up under that address
 * (perhaps not its owner) must not become a site admin by accident.
 */
export async function createSiteAdmin(input: z.infer<typeof createUserInput>, options: { promoteExisting?: boolean } = {}) {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing && !existing.emailVerifiedAt) {
      throw new Error(
        `The account with the address ${input.email} has not confirmed it yet, so it cannot become a site admin; nothing was changed.`,
      );
    }
    if (existing && !options.promoteExisting) {
      throw new Error(
        `An account with the address ${input.email} exists already; nothing was changed. Run create-admin with --existing to make that account a site admin (its password stays as it is).`,
      );
    }
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { siteAdmin: true } })
      : await tx.user.create({
          data: { email: input.email, name: input.name, passwordHash, siteAdmin: true, emailVerifiedAt: new Date() },
        });
    await recordAudit(tx, { actor: null, action: existing ? "admin.promote" : "admin.create", target: user.email });
    return { user, created: !existing };
  });
}

/** Keeps a user's interface language on their account, so that it follows them to every device. */
export async function saveLocale(userId: string, locale: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
