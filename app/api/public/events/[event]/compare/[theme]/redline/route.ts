import { z } from "zod";
import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { redlineComparison, redlineDocx } from "@/lib/publishing/redline";

export const OPTIONS = preflight;

const milestone = z.string().regex(/^[a-z0-9-]{1,20}$/, "use a milestone such as day-3, day-4, final or latest");
const query = z.object({ from: milestone.optional(), to: milestone.optional() });

/**
 * Two published versions of a theme as a Word document with tracked changes
 * (`?from=day-3&to=day-4`; by default the last two): what the comparison page
 * shows, for Word's and LibreOffice's Review. Public, with CORS.
 */
export const GET = publicRoute<{ event: string; theme: string }>(async (request, params) => {
  const choice = readQuery(request, query);
  const comparison = await redlineComparison(params.event, params.theme, choice);
  if (!comparison) throw notFound("There are no such versions of this theme.");
  const file = `${params.event}-${params.theme}-${comparison.from}-to-${comparison.to}-changes.docx`;
  return new Response(new Uint8Array(await redlineDocx(comparison)), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "public, max-age=60",
      "x-content-type-options": "nosniff",
    },
  });
});
