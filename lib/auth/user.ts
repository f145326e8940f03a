import { sessionRevoked } from "@/lib/auth/revoke";
import { db } from "@/lib/db";
import type { User } from "@/lib/generated/prisma/client";

// Kept apart from next-auth's options so that the collaboration server (plain
// Node, no bundler) can check sessions without loading next-auth's providers.

export type CurrentUser = Pick<User, "id" | "email" | "name" | "siteAdmin" | "sessionVersion"> & {
  /** The interface language they chose; absent or null: their browser's. */
  locale?: string | null;
  /** The id of the session this user came with (its token's `sid`), when it has one. */
  sessionId?: string | null;
};

/**
 * Whether a token's claims still stand: the user exists, is not archived, has
 * proven their address and has not raised their session version since the token was issued. Shared by
 * the app and the collaboration server.
 */
export async function userForToken(claims: { uid?: string; sv?: number; sid?: string | null }): Promise<CurrentUser | null> {
  if (!claims.uid || claims.sv === undefined) return null;
  const sid = claims.sid ?? undefined;
  const [user, revoked] = await Promise.all([findUser(claims.uid), sessionRevoked(sid)]);
  if (!user || revoked || user.archived || !user.emailVerifiedAt || user.sessionVersion !== claims.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    siteAdmin: user.siteAdmin,
    sessionVersion: user.sessionVersion,
    locale: user.locale,
    sessionId: sid ?? null,
  };
}

function findUser(id: string) {
  return db().user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      siteAdmin: true,
      sessionVersion: true,
      locale: true,
      archived: true,
      emailVerifiedAt: true,
    },
  });
}
