import { z } from "zod";
import { notFound } from "@/lib/errors";
import { presentSession } from "@/lib/events/session-view";
import { PROGRAMME_PAGE_SIZE, programme, programmeCount, SESSION_TYPES } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";
import { preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { text } from "@/lib/http/input";
import { openEvent } from "@/lib/publishing/public";

export const OPTIONS = preflight;

const query = z.object({
  theme: text(100).optional(),
  subTheme: z.uuid("use a sub-theme id").optional(),
  type: z.enum(SESSION_TYPES.map((t) => t.type) as [SessionType, ...SessionType[]]).optional(),
  day: z.iso.date("use a date like 2019-11-26").optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(500).default(PROGRAMME_PAGE_SIZE),
});

/**
 * The public programme, one page at a time (100 sessions by default, 500 at
 * most): `?theme=<slug>&subTheme=<id>&type=WORKSHOP&day=2019-11-26&page=2&perPage=100`.
 * `next` is the URL of the following page, or null on the last.
 */
export const GET = publicRoute<{ event: string }>(
  async (request, params) => {
    const event = await openEvent(params.event);
    if (!event) throw notFound("There is no such event.");
    const { page, perPage, ...filter } = readQuery(request, query);
    const where = { ...filter, zone: event.timeZone };
    const [sessions, total] = await Promise.all([
      programme(event.id, where, { skip: (page - 1) * perPage, take: perPage }),
      programmeCount(event.id, where),
    ]);
    const next = page * perPage < total ? new URL(request.url) : null;
    next?.searchParams.set("page", String(page + 1));
    return {
      sessions: sessions.map((s) => presentSession(s, event.timeZone)),
      page,
      perPage,
      total,
      next: next ? `${next.pathname}${next.search}` : null,
    };
  },
  { cacheControl: "public, max-age=60" },
);
