import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { setBookletFile } from "@/lib/publishing/booklet";
import { badFormat, bookletFormat, bookletResponse, publicOrigin } from "@/lib/publishing/booklet/respond";

export const OPTIONS = preflight;

/** A message set's booklet, `?format=pdf` (default) or `docx` (`latest`: the last published set). */
export async function GET(request: Request, context: { params: Promise<{ event: string; milestone: string }> }) {
  const format = bookletFormat(request);
  if (!format) return badFormat();
  const { event, milestone } = await context.params;
  const file = await setBookletFile(event, milestone, format, publicOrigin(request));
  if (!file)
    return Response.json({ error: "There is no such message set.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  return bookletResponse(file, format, milestone === "latest" ? "public, max-age=60" : undefined);
}
