import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { unauthenticated } from "@/lib/errors";
import type { User } from "@/lib/generated/prisma/client";

export type CurrentUser = Pick<User, "id" | "email" | "name" | "siteAdmin" | "sessionVersion">;

/**
 * Whether a token's claims still stand: the user exists, is not archived and
 * has not raised their session version since the token was issued. Shared by
 * the app and the collaboration server.
 */
export async function userForToken(claims: { uid?: string; sv?: number }): Promise<CurrentUser | null> {
  if (!claims.uid || claims.sv === undefined) return null;
  const user = await db().user.findUnique({
    where: { id: claims.uid },
    select: { id: true, email: true, name: true, siteAdmin: true, sessionVersion: true, archived: true },
  });
  if (!user || user.archived || user.sessionVersion !== claims.sv) return null;
  return user;
}

/** The signed-in user of this request, or null (also for a revoked session). */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions);
  if (!session) return null;
  return userForToken({ uid: session.user.id, sv: session.sessionVersion });
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}
