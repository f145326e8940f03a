import { CORS_HEADERS, IMMUTABLE, preflight } from "@/lib/http/cors";
import { findSet } from "@/lib/publishing/sets";

export const OPTIONS = preflight;

/**
 * A message set's manifest: exactly the bytes that were hashed (`latest`: the
 * last published set, which changes, so it is not cached for long);
 * `?download=1` asks the browser to save it.
 */
export async function GET(request: Request, context: { params: Promise<{ event: string; milestone: string }> }) {
  const { event, milestone } = await context.params;
  const set = await findSet(event, milestone);
  if (!set)
    return Response.json({ error: "There is no such message set.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  const download = new URL(request.url).searchParams.get("download");
  return new Response(set.manifestJson, {
    headers: {
      ...CORS_HEADERS,
      "content-type": "application/json; charset=utf-8",
      "cache-control": milestone === "latest" ? "public, max-age=60" : IMMUTABLE,
      "x-content-type-options": "nosniff",
      "x-content-sha256": set.sha256,
      ...(download ? { "content-disposition": `attachment; filename="${event}-${set.milestone}-manifest.json"` } : {}),
    },
  });
}
