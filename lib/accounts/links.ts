import type { Tx } from "@/lib/db";

/**
 * Single-use links that a newer link, or the action they were for, has made
 * pointless: they stop working (they expire now; the rows are kept).
 */
export async function voidVerifications(tx: Tx, userId: string): Promise<void> {
  const now = new Date();
  await tx.emailVerification.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
}

export async function voidResetLinks(tx: Tx, userId: string): Promise<void> {
  const now = new Date();
  await tx.passwordReset.updateMany({ where: { userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
}
