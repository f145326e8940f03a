import type { IncomingMessage } from "node:http";
import { decode } from "next-auth/jwt";

export interface SessionClaims {
  uid?: string;
  sv?: number;
  /** The session's id: a signed-out session is refused (lib/auth/revoke.ts). */
  sid?: string;
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
 * the JWT must verify with the shared secret. Returns its claims, which
 * `sessionDocumentAccess` then checks against the database (session version
 * included) together with the document, in one query.
 */
export async function sessionClaims(request: IncomingMessage, secret: string): Promise<SessionClaims | null> {
  for (const name of COOKIE_NAMES) {
    const token = readCookie(request.headers.cookie, name);
    if (!token) continue;
    const decoded = await decode({ token, secret }).catch(() => null);
    return decoded ? { uid: decoded.uid, sv: decoded.sv, sid: decoded.sid } : null;
  }
  return null;
}
