import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { versionBookletFile } from "@/lib/publishing/booklet";
import { bookletQuery, bookletResponse, publicOrigin } from "@/lib/publishing/booklet/respond";

export const OPTIONS = preflight;

/** A version's booklet, `?format=pdf` (default) or `docx`: the same bytes on every download. */
export const GET = publicRoute<{ id: string }>(async (request, params) => {
  const { format } = readQuery(request, bookletQuery);
  const file = await versionBookletFile(params.id, format, publicOrigin(request));
  if (!file) throw notFound("There is no such version.");
  return bookletResponse(file, format);
});
