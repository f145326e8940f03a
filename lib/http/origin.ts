/**
 * Which web origins may act on the app: the one rule behind the app's refusal
 * of cross-site requests (proxy.ts) and the collaboration server's refusal of
 * cross-site websocket upgrades.
 *
 * The app's origins are NEXTAUTH_URL's and those listed in APP_ORIGINS; when
 * neither is set, the origin the request itself was addressed to (its Host).
 */

import { environment } from "@/lib/config";

/** The configured origins (normalised), or an empty list when none is configured. */
export function configuredOrigins(env: NodeJS.ProcessEnv = environment()): string[] {
  const listed = [env.NEXTAUTH_URL ?? "", ...(env.APP_ORIGINS ?? "").split(",")].map((s) => s.trim()).filter(Boolean);
  const origins: string[] = [];
  for (const value of listed) {
    try {
      origins.push(new URL(value).origin);
    } catch {
      /* validated at start-up by lib/config */
    }
  }
  return origins;
}

function originOf(value: string): URL | null {
  if (value === "null") return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * Whether a browser request from `origin` (its Origin header) to the app at
 * `host` (its Host header) over `protocol` ("http:" or "https:") is same-site.
 */
export function appOriginAllowed(
  origin: string,
  host: string,
  protocol: string,
  env: NodeJS.ProcessEnv = environment(),
): boolean {
  const from = originOf(origin);
  if (!from) return false;
  const configured = configuredOrigins(env);
  if (configured.length > 0) return configured.includes(from.origin);
  return from.origin === `${protocol}//${host}`;
}

/**
 * Whether a websocket upgrade from a page at `origin` may reach the
 * collaboration server at `host`: one of the configured origins. With none
 * configured, only when `sameHostFallback` allows it (the embedded demo):
 * the server listens on its own port, so the page must come from the same
 * host name, on any port.
 */
export function collabOriginAllowed(
  origin: string,
  host: string,
  sameHostFallback: boolean,
  env: NodeJS.ProcessEnv = environment(),
): boolean {
  const from = originOf(origin);
  if (!from) return false;
  const configured = configuredOrigins(env);
  if (configured.length > 0) return configured.includes(from.origin);
  if (!sameHostFallback) return false;
  const hostname = new URL(`http://${host}`).hostname;
  return from.hostname === hostname;
}

/**
 * Why a state-changing request must be refused as cross-site, or null. Browsers
 * send Sec-Fetch-Site (trusted when present) and Origin; a client that sends
 * neither is not a browser acting for someone else, and is judged by its
 * credentials alone.
 */
export function crossSiteReason(headers: Headers, protocol: string, env: NodeJS.ProcessEnv = environment()): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return "Requests from other sites are refused.";
  }
  const origin = headers.get("origin");
  if (origin !== null && !appOriginAllowed(origin, headers.get("host") ?? "", protocol, env)) {
    return "Requests from other sites are refused.";
  }
  return null;
}
