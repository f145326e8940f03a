import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute } from "@/lib/http/route";
import { listSets } from "@/lib/publishing/sets";

export const OPTIONS = preflight;

/** Every published message set of an event (one per published milestone), with its manifest's hash. Public, with CORS. */
export const GET = publicRoute<{ event: string }>(
  async (_request, { event }) => {
    const sets = await listSets(event);
    if (!sets) throw notFound("There is no such event.");
    return { event, sets: sets.map((s) => ({ ...s, manifest: `/api/public/events/${event}/sets/${s.milestone}` })) };
  },
  { cacheControl: "public, max-age=60" },
);
