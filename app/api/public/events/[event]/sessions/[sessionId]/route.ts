import { notFound } from "@/lib/errors";
import { publicReport } from "@/lib/events/reports";
import { presentSession } from "@/lib/events/session-view";
import { sessionOfEvent } from "@/lib/events/sessions";
import { preflight } from "@/lib/http/cors";
import { publicRoute } from "@/lib/http/route";
import { citationsOf } from "@/lib/publishing/citations";
import { openEvent } from "@/lib/publishing/public";

export const OPTIONS = preflight;

/** One session: its details, its submitted report (with history) and the published messages that draw from it. */
export const GET = publicRoute<{ event: string; sessionId: string }>(
  async (_request, params) => {
    const event = await openEvent(params.event);
    const session = event ? await sessionOfEvent(event.id, params.sessionId) : null;
    if (!event || !session) throw notFound("There is no such session.");
    return {
      session: presentSession(session, event.timeZone),
      report: await publicReport(session.id),
      citedBy: await citationsOf(event.id, event.slug, session.id),
    };
  },
  { cacheControl: "public, max-age=30" },
);
