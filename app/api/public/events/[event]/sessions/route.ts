import { db } from "@/lib/db";
import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { presentSession } from "@/lib/events/session-view";
import { programme, SESSION_TYPES } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";

export const OPTIONS = preflight;

/** The public programme: `?theme=<slug>&subTheme=<id>&type=WORKSHOP&day=2019-11-26`. */
export async function GET(request: Request, context: { params: Promise<{ event: string }> }) {
  const event = await db().event.findUnique({ where: { slug: (await context.params).event } });
  if (!event || event.archived)
    return Response.json({ error: "There is no such event.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  const query = new URL(request.url).searchParams;
  const type = query.get("type") ?? undefined;
  if (type && !SESSION_TYPES.some((t) => t.type === type)) {
    return Response.json(
      { error: `type: use one of ${SESSION_TYPES.map((t) => t.type).join(", ")}.`, code: "invalid" },
      { status: 400, headers: CORS_HEADERS },
    );
  }
  const day = query.get("day") ?? undefined;
  if (day && !/^\d{4}-\d{2}-\d{2}$/.test(day))
    return Response.json({ error: "day: use a date like 2019-11-26.", code: "invalid" }, { status: 400, headers: CORS_HEADERS });
  const subTheme = query.get("subTheme") ?? undefined;
  if (subTheme && !/^[0-9a-f-]{36}$/i.test(subTheme))
    return Response.json({ error: "subTheme: use a sub-theme id.", code: "invalid" }, { status: 400, headers: CORS_HEADERS });
  const sessions = await programme(event.id, {
    theme: query.get("theme") ?? undefined,
    subTheme,
    type: type as SessionType | undefined,
    day,
    zone: event.timeZone,
  });
  return Response.json(
    { sessions: sessions.map((s) => presentSession(s, event.timeZone)) },
    { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=60" } },
  );
}
