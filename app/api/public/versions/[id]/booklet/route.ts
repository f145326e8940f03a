import { CORS_HEADERS, preflight } from "@/lib/http/cors";
import { versionBookletFile } from "@/lib/publishing/booklet";
import { badFormat, bookletFormat, bookletResponse, publicOrigin } from "@/lib/publishing/booklet/respond";

export const OPTIONS = preflight;

/** A version's booklet, `?format=pdf` (default) or `docx`: the same bytes on every download. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const format = bookletFormat(request);
  if (!format) return badFormat();
  const file = await versionBookletFile((await context.params).id, format, publicOrigin(request));
  if (!file)
    return Response.json({ error: "There is no such version.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  return bookletResponse(file, format);
}
