import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute } from "@/lib/http/route";
import { publicEvent } from "@/lib/publishing/public";

export const OPTIONS = preflight;

/** Every published version of an event, by theme. Public, with CORS. */
export const GET = publicRoute<{ event: string }>(
  async (_request, params) => {
    const event = await publicEvent(params.event);
    if (!event) throw notFound("There is no such event.");
    return {
      event: { slug: event.slug, name: event.name, place: event.place, timeZone: event.timeZone },
      versions: event.themes.flatMap((t) => t.versions),
    };
  },
  { cacheControl: "public, max-age=60" },
);
