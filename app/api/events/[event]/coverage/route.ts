import { requireUser } from "@/lib/auth/session";
import { coverageCsv, eventCoverage, themeCoverage } from "@/lib/events/coverage";
import { route } from "@/lib/http/route";
import { liveThemeBySlug } from "@/lib/events/views";
import { authorizeEvent } from "@/lib/permissions";

/**
 * What the live drafts draw from: per theme, the sessions no message cites,
 * the messages that cite nothing and the reports still missing.
 * `?theme=<slug>` for one theme; `?format=csv` for a spreadsheet.
 */
export const GET = route<{ event: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "sources.read");
  const query = new URL(request.url).searchParams;
  const slug = query.get("theme");
  let coverage;
  if (slug) {
    const theme = await liveThemeBySlug(event.id, slug);
    coverage = [await themeCoverage(event, theme.id)];
  } else {
    coverage = await eventCoverage(event);
  }
  const format = query.get("format") ?? "json";
  if (format === "csv") {
    return new Response(coverageCsv(coverage), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${event.slug}-coverage${slug ? `-${slug}` : ""}.csv"`,
      },
    });
  }
  if (format !== "json") return Response.json({ error: "format: use json or csv.", code: "invalid" }, { status: 400 });
  return { coverage };
});
