import { notifyControl } from "@/lib/collab/control";
import { db } from "@/lib/db";

/** The claims of a session token that identify it. */
export interface SessionTokenClaims {
  uid?: string;
  /** The session's id (absent from tokens minted before sessions had one: those end only with their version). */
  sid?: string;
  /** Expiry, in seconds since the epoch, as next-auth writes it. */
  exp?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const THIRTY_DAYS_MS = 30 * 24 * 3600_000;

/**
 * Ends one session on the server: its id is revoked, so the cookie opens
 * nothing from now on (a copy of it included), and its open sockets and live
 * streams are re-checked at once (a control event for the user).
 */
export async function endSession(claims: SessionTokenClaims | null | undefined): Promise<void> {
  if (!claims?.sid || !claims.uid || !UUID.test(claims.sid) || !UUID.test(claims.uid)) return;
  const { sid, uid } = claims;
  const expiresAt = new Date(claims.exp ? claims.exp * 1000 : Date.now() + THIRTY_DAYS_MS);
  await db().$transaction(async (tx) => {
    await tx.revokedSession.upsert({ where: { id: sid }, create: { id: sid, userId: uid, expiresAt }, update: {} });
    // Rows past their token's expiry say nothing more: the token is refused for its age anyway.
    await tx.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    await notifyControl(tx, { kind: "user", userId: uid });
  });
}

/** Whether a session id was signed out. */
export async function sessionRevoked(sid: string | undefined): Promise<boolean> {
  if (!sid || !UUID.test(sid)) return false;
  return (await db().revokedSession.count({ where: { id: sid } })) > 0;
}
