import { config as settings } from "@/lib/config";
import { NextResponse, type NextRequest } from "next/server";
import { BODY_TOO_LARGE, MAX_BODY_BYTES } from "@/lib/http/limits";
import { crossSiteReason } from "@/lib/http/origin";
import { API_CSP, collabUrlFor, contentSecurityPolicy, newNonce, securityHeaders } from "@/lib/http/security-headers";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const refuse = (message: string, status: number, code: string) => NextResponse.json({ error: message, code }, { status });

/**
 * Runs before every request (Next's proxy, formerly middleware). The one place
 * that refuses cross-site state changes and oversized bodies, and that gives
 * every response its security headers and every page a fresh script nonce.
 * (Addresses holding characters no text may hold are refused earlier, by
 * scripts/serve-app.ts, since Next fails on some before this runs.)
 * Who may do what is still decided by each route, from the database.
 */
export function proxy(request: NextRequest) {
  // scripts/serve-app.ts rewrote X-Forwarded-Proto from the socket and TRUST_PROXY.
  const protocol = request.headers.get("x-forwarded-proto") === "https" ? "https:" : "http:";
  if (!SAFE_METHODS.has(request.method)) {
    const reason = crossSiteReason(request.headers, protocol);
    if (reason) return refuse(reason, 403, "forbidden");
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) return refuse(BODY_TOO_LARGE, 413, "too_large");
  }
  const nonce = newNonce();
  // Next merges these headers over the route's own, so the API's policy is chosen here, for every API response.
  const csp = request.nextUrl.pathname.startsWith("/api/")
    ? API_CSP
    : contentSecurityPolicy({
        nonce,
        collabUrl: collabUrlFor(request.headers.get("host")),
        development: settings().NODE_ENV === "development",
      });
  // Next reads the policy from the request to put the nonce on its own scripts.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(securityHeaders({ csp, https: protocol === "https:" }))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Static build output needs no nonce; everything else, pages and API alike, passes here.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
