import { db } from "@/lib/db";
import { publicReport } from "@/lib/events/reports";
import { presentSession } from "@/lib/events/session-view";
import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { citationsOf } from "@/lib/publishing/citations";

export const OPTIONS = preflight;

/** One session: its details, its submitted report (with history) and the published messages that draw from it. */
export async function GET(_request: Request, context: { params: Promise<{ event: string; sessionId: string }> }) {
  const params = await context.params;
  const event = await db().event.findUnique({ where: { slug: params.event } });
  const missing = () =>
    Response.json({ error: "There is no such session.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  if (!event || event.archived || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.sessionId))
    return missing();
  const session = await db().session.findFirst({
    where: { id: params.sessionId, eventId: event.id },
    include: { theme: { select: { slug: true, title: true } } },
  });
  if (!session) return missing();
  return Response.json(
    {
      session: presentSession(session, event.timeZone),
      report: await publicReport(session.id),
      citedBy: await citationsOf(event.id, event.slug, session.id),
    },
    { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=30" } },
  );
}
