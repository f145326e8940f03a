import { requireUser } from "@/lib/auth/session";
import { dispositionReport, reportCsv } from "@/lib/comments/dispositions";
import { invalid } from "@/lib/errors";
import { route } from "@/lib/http/route";

/**
 * The disposition report of an event (or of one theme with `?theme=`), as
 * JSON or, with `?format=csv`, as a spreadsheet-safe CSV download.
 */
export const GET = route<{ event: string }>(async (request, params) => {
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "json";
  if (format !== "json" && format !== "csv") throw invalid('format must be "json" or "csv".');
  const report = await dispositionReport(await requireUser(), params.event, url.searchParams.get("theme") || undefined);
  if (format === "json") return report;
  const name = `${report.event.slug}-${report.theme?.slug ?? "all-themes"}-dispositions.csv`;
  return new Response(reportCsv(report.rows), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
});
