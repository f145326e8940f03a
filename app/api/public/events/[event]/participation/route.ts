import { participationTable } from "@/lib/events/reports";
import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute } from "@/lib/http/route";
import { openEvent } from "@/lib/publishing/public";

export const OPTIONS = preflight;

/** Participation summed from the submitted session reports, per theme and session type, and in total. */
export const GET = publicRoute<{ event: string }>(
  async (_request, params) => {
    const event = await openEvent(params.event);
    if (!event) throw notFound("There is no such event.");
    return participationTable(event.id);
  },
  { cacheControl: "public, max-age=60" },
);
