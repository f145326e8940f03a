import type { IncomingMessage } from "node:http";
import { decode } from "next-auth/jwt";
import { userForToken, type CurrentUser } from "@/lib/auth/user";

export interface SessionClaims {
  uid?: string;
  sv?: number;
}

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

/**
 * Reads the next-auth session cookie of an upgrade request, as the app does:
 * the JWT must verify with the shared secret and its session version must
 * still be the user's. Returns the claims (kept to re-check later) and the user.
 */
export async function authenticate(
  request: IncomingMessage,
  secret: string,
): Promise<{ claims: SessionClaims; user: CurrentUser } | null> {
  for (const name of COOKIE_NAMES) {
    const token = readCookie(request.headers.cookie, name);
    if (!token) continue;
    const decoded = await decode({ token, secret }).catch(() => null);
    if (!decoded) return null;
    const claims: SessionClaims = { uid: decoded.uid, sv: decoded.sv };
    const user = await userForToken(claims);
    return user ? { claims, user } : null;
  }
  return null;
}
