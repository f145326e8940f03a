/** Paths whose last segment is a secret: a link token (invitation, password reset, address confirmation). */
const TOKEN_PATHS = /\/(invitations|reset|verify|password-resets|verifications)\/[^/?#]+/g;

/**
 * A URL or path as it may be logged: link tokens replaced by "[token]", and
 * the query string dropped (it may carry addresses or callback URLs). A token
 * in a log would open someone's account to whoever reads the log.
 */
export function redactUrl(url: string): string {
  const withoutQuery = url.split(/[?#]/)[0];
  return withoutQuery.replace(TOKEN_PATHS, (_match, kind: string) => `/${kind}/[token]`);
}
