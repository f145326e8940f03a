const BASE = "http://rapporteur.invalid";

/**
 * A path on this app to go to after sign-in, or `fallback`. The value is
 * parsed as a URL against a placeholder origin, as a browser would resolve it,
 * and kept only if it stays on that origin: "/\evil.example", "//evil.example"
 * and "/\t/evil.example" all leave it and are refused.
 */
export function sameOriginPath(value: string | undefined, fallback = "/workspace"): string {
  if (!value || !value.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
