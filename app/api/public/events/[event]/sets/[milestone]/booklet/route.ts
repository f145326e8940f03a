import { notFound } from "@/lib/errors";
import { preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { setBookletFile } from "@/lib/publishing/booklet";
import { bookletQuery, bookletResponse, publicOrigin } from "@/lib/publishing/booklet/respond";

export const OPTIONS = preflight;

/** A message set's booklet, `?format=pdf` (default) or `docx` (`latest`: the last published set). */
export const GET = publicRoute<{ event: string; milestone: string }>(async (request, { event, milestone }) => {
  const { format } = readQuery(request, bookletQuery);
  const file = await setBookletFile(event, milestone, format, publicOrigin(request));
  if (!file) throw notFound("There is no such message set.");
  return bookletResponse(file, format, milestone === "latest" ? "public, max-age=60" : undefined);
});
