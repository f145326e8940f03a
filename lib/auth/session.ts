import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { unauthenticated } from "@/lib/errors";
import { userForToken, type CurrentUser } from "@/lib/auth/user";

export { userForToken, type CurrentUser } from "@/lib/auth/user";

/** The signed-in user of this request, or null (also for a revoked session); read once per page render. */
export const currentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session) return null;
  return userForToken({ uid: session.user.id, sv: session.sessionVersion, sid: session.sessionId });
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  return user;
}
