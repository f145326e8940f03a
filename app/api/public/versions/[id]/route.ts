import { z } from "zod";
import { notFound } from "@/lib/errors";
import { IMMUTABLE, preflight } from "@/lib/http/cors";
import { publicRoute, readQuery } from "@/lib/http/route";
import { API_CSP } from "@/lib/http/security-headers";
import { versionById } from "@/lib/publishing/public";

export const OPTIONS = preflight;

const FORMATS = {
  json: { type: "application/json; charset=utf-8", ext: "json" },
  html: { type: "text/html; charset=utf-8", ext: "html" },
  md: { type: "text/markdown; charset=utf-8", ext: "md" },
} as const;

const query = z.object({ format: z.enum(["json", "html", "md"]).default("json"), download: z.string().max(10).optional() });

/**
 * A frozen version: `?format=json` (default; exactly the bytes that were
 * hashed), `html` or `md`; `&download=1` asks the browser to save it.
 */
export const GET = publicRoute<{ id: string }>(async (request, params) => {
  const { format, download } = readQuery(request, query);
  const version = await versionById(params.id);
  if (!version) throw notFound("There is no such version.");
  const body = format === "json" ? version.canonicalJson : format === "html" ? version.html : version.markdown;
  const theme = version.document.theme;
  const name = `${theme.event.slug}-${theme.slug}-v${version.number}.${FORMATS[format].ext}`;
  return new Response(body, {
    headers: {
      "content-type": FORMATS[format].type,
      "cache-control": IMMUTABLE,
      "x-content-type-options": "nosniff",
      ...(format === "html" ? { "content-security-policy": API_CSP } : {}),
      ...(download ? { "content-disposition": `attachment; filename="${name}"` } : {}),
    },
  });
});
