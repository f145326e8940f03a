import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { listSets } from "@/lib/publishing/sets";

export const OPTIONS = preflight;

/** Every published message set of an event (one per published milestone), with its manifest's hash. Public, with CORS. */
export async function GET(_request: Request, context: { params: Promise<{ event: string }> }) {
  const event = (await context.params).event;
  const sets = await listSets(event);
  if (!sets)
    return Response.json({ error: "There is no such event.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  return Response.json(
    { event, sets: sets.map((s) => ({ ...s, manifest: `/api/public/events/${event}/sets/${s.milestone}` })) },
    { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=60" } },
  );
}
