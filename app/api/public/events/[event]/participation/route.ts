import { db } from "@/lib/db";
import { participationTable } from "@/lib/events/reports";
import { CORS_HEADERS, preflight } from "@/lib/http/cors";

export const OPTIONS = preflight;

/** Participation summed from the submitted session reports, per theme and session type, and in total. */
export async function GET(_request: Request, context: { params: Promise<{ event: string }> }) {
  const event = await db().event.findUnique({ where: { slug: (await context.params).event } });
  if (!event || event.archived)
    return Response.json({ error: "There is no such event.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  return Response.json(await participationTable(event.id), {
    headers: { ...CORS_HEADERS, "cache-control": "public, max-age=60" },
  });
}
