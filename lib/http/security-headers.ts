/**
 * Where browsers reach the collaboration server: COLLAB_URL if set, otherwise
 * the page's own host name on COLLAB_PORT. Read per request, never baked into
 * the build.
 */

import { environment } from "@/lib/config";
export function collabUrlFor(host: string | null, env: Record<string, string | undefined> = environment()): string {
  if (env.COLLAB_URL) return env.COLLAB_URL;
  const value = host ?? "localhost";
  const hostname = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.split(":")[0];
  return `ws://${hostname}:${env.COLLAB_PORT ?? "1234"}`;
}

/** A fresh, unguessable nonce for one response's scripts. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page: scripts only from this app and with
 * this response's nonce (Next puts it on its own scripts), no framing, no
 * plug-ins, forms and the base URL kept to this origin. Styles allow inline
 * style attributes, which the editor's remote carets use. The collaboration
 * server is on another port, so its websocket origin is named.
 */
export function contentSecurityPolicy(options: { nonce: string; collabUrl: string; development: boolean }): string {
  const collab = new URL(options.collabUrl);
  const scripts = [`'self'`, `'nonce-${options.nonce}'`, `'strict-dynamic'`, ...(options.development ? [`'unsafe-eval'`] : [])];
  return [
    `default-src 'self'`,
    `script-src ${scripts.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self' ${collab.origin}`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `object-src 'none'`,
  ].join("; ");
}

/**
 * The policy of everything under /api: JSON and downloads (an HTML export
 * among them) load nothing and run nothing; an export's own inline styles
 * apply. A route that sets a policy sets this one.
 */
export const API_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Headers every response carries; HSTS only when the app is served over https. */
export function securityHeaders(options: { csp: string; https: boolean }): Record<string, string> {
  return {
    "content-security-policy": options.csp,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ...(options.https ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
