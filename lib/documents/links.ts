/**
 * Link targets: only absolute http, https and mailto URLs are kept.
 * Relative links, `javascript:`, `data:`, `vbscript:`, `ftp:` … are refused.
 */

export const ALLOWED_LINK_PROTOCOLS = ["http:", "https:", "mailto:"] as const;
export const MAX_HREF_LENGTH = 4096;

// Space, C0 controls and DEL: what URL parsers strip or skip silently.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f]/;

/**
 * Returns the href to store, or null when the link must be dropped.
 *
 * The string is parsed with the WHATWG URL parser (the one browsers use), so
 * tricks like "java\tscript:" or leading control characters are judged the
 * way a browser would judge them. A clean string (no whitespace or control
 * characters) is kept as written, after trimming; otherwise the parser's
 * serialization is stored.
 */
export function normalizeHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.length > MAX_HREF_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null; // relative or malformed
  }
  if (!(ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol)) return null;
  if (url.protocol !== "mailto:" && url.hostname === "") return null;
  const result = UNSAFE_CHARACTERS.test(trimmed) ? url.href : trimmed;
  return result.length > MAX_HREF_LENGTH ? null : result;
}

export function isAllowedHref(value: unknown): boolean {
  return normalizeHref(value) !== null;
}
