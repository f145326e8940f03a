import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { readQuery, route } from "@/lib/http/route";
import { liveStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

const liveQuery = z.object({ document: z.string().max(100).optional(), version: z.string().max(100).optional() });

/** Server-sent events for an open page: `?document=<id>` or `?version=<id>` (see lib/live/stream.ts). */
export const GET = route(async (request) => {
  const query = readQuery(request, liveQuery);
  return liveStream(request, query.document ? await currentUser() : null, query);
});
