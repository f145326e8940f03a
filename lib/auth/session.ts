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

/** What a signed-out visitor is told by the comment and amendment routes. */
export const SIGN_IN_TO_COMMENT = "Please sign in to comment.";

/** The one guard of routes that need someone signed in: the user, or a 401 saying `message`. */
export async function requireUser(message?: string): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated(message);
  return user;
}
