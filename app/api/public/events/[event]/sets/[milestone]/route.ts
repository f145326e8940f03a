import { z } from "zod";
import { notFound } from "@/lib/errors";
import { IMMUTABLE, preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { findSet } from "@/lib/publishing/sets";

export const OPTIONS = preflight;

const query = z.object({ download: z.string().max(10).optional() });

/**
 * A message set's manifest: exactly the bytes that were hashed (`latest`: the
 * last published set, which changes, so it is not cached for long);
 * `?download=1` asks the browser to save it.
 */
export const GET = publicRoute<{ event: string; milestone: string }>(async (request, { event, milestone }) => {
  const { download } = readQuery(request, query);
  const set = await findSet(event, milestone);
  if (!set) throw notFound("There is no such message set.");
  return new Response(set.manifestJson, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": milestone === "latest" ? "public, max-age=60" : IMMUTABLE,
      "x-content-type-options": "nosniff",
      "x-content-sha256": set.sha256,
      ...(download ? { "content-disposition": `attachment; filename="${event}-${set.milestone}-manifest.json"` } : {}),
    },
  });
});
