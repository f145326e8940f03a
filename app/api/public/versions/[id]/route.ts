import { CORS_HEADERS, IMMUTABLE, preflight } from "@/lib/http/cors";
import { versionById } from "@/lib/publishing/public";

export const OPTIONS = preflight;

const FORMATS = {
  json: { type: "application/json; charset=utf-8", ext: "json" },
  html: { type: "text/html; charset=utf-8", ext: "html" },
  md: { type: "text/markdown; charset=utf-8", ext: "md" },
} as const;

/**
 * A frozen version: `?format=json` (default; exactly the bytes that were
 * hashed), `html` or `md`; `&download=1` asks the browser to save it.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const version = await versionById((await context.params).id);
  if (!version)
    return Response.json({ error: "There is no such version.", code: "not_found" }, { status: 404, headers: CORS_HEADERS });
  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "json") as keyof typeof FORMATS;
  if (!(format in FORMATS))
    return Response.json({ error: "format: use json, html or md.", code: "invalid" }, { status: 400, headers: CORS_HEADERS });
  const body = format === "json" ? version.canonicalJson : format === "html" ? version.html : version.markdown;
  const theme = version.document.theme;
  const name = `${theme.event.slug}-${theme.slug}-v${version.number}.${FORMATS[format].ext}`;
  return new Response(body, {
    headers: {
      ...CORS_HEADERS,
      "content-type": FORMATS[format].type,
      "cache-control": IMMUTABLE,
      "x-content-type-options": "nosniff",
      ...(format === "html" ? { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'" } : {}),
      ...(url.searchParams.get("download") ? { "content-disposition": `attachment; filename="${name}"` } : {}),
    },
  });
}
