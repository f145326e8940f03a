import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { publicEvent } from "@/lib/publishing/public";

export const OPTIONS = preflight;

/** Every published version of an event, by theme. Public, with CORS. */
export async function GET(_request: Request, context: { params: Promise<{ event: string }> }) {
  const event = await publicEvent((await context.params).event);
  if (!event)
    return Response.json({ error: "There is no such event.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  return Response.json(
    {
      event: { slug: event.slug, name: event.name, place: event.place, timeZone: event.timeZone },
      versions: event.themes.flatMap((t) => t.versions),
    },
    { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=60" } },
  );
}
