import { config } from "@/lib/config";
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { authOptions } from "@/lib/auth/options";

/** The session lasts as long as next-auth's own (lib/auth/options.ts). */
const MAX_AGE = authOptions.session?.maxAge ?? 30 * 24 * 60 * 60;

/**
 * A fresh next-auth session cookie for the user at their current session
 * version, as a Set-Cookie header value. Used where an action ends every other
 * session (a password change) but keeps the one that made it: the request was
 * authenticated by the current password, so it may carry on. Over https the
 * cookie has the `__Secure-` name next-auth uses there.
 */
export async function sessionCookieHeader(
  user: { id: string; name: string; email: string; sessionVersion: number },
  https: boolean,
): Promise<string> {
  const token = await encode({
    token: { uid: user.id, sv: user.sessionVersion, sid: randomUUID(), name: user.name, email: user.email, sub: user.id },
    secret: config().NEXTAUTH_SECRET!,
    maxAge: MAX_AGE,
  });
  const name = https ? "__Secure-next-auth.session-token" : "next-auth.session-token";
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE}${https ? "; Secure" : ""}`;
}
