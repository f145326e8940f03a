/** Headers for the public JSON API, which the conference website reads from another origin. */
export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, OPTIONS",
  "access-control-allow-headers": "content-type",
  "access-control-max-age": "86400",
};

/** Frozen content never changes: cache it forever. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}
