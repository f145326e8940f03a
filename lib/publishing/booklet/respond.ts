import { CORS_HEADERS, IMMUTABLE } from "@/lib/http/cors";
import { configuredOrigins } from "@/lib/http/origin";
import { BOOKLET_TYPES, type BookletFile, type BookletFormat } from "./index";

/** The format a download asks for (`?format=pdf|docx`, PDF by default), or null for anything else. */
export function bookletFormat(request: Request): BookletFormat | null {
  const format = new URL(request.url).searchParams.get("format") ?? "pdf";
  return format === "pdf" || format === "docx" ? format : null;
}

/** Where the colophon sends readers to verify: the app's public URL when configured, else this request's. */
export function publicOrigin(request: Request): string {
  return configuredOrigins()[0] ?? new URL(request.url).origin;
}

export const badFormat = () => Response.json({ error: "format: use pdf or docx." }, { status: 400, headers: CORS_HEADERS });

/** A booklet download: always the stored bytes, with their file name and hash. */
export function bookletResponse(file: BookletFile, format: BookletFormat, cache: string = IMMUTABLE): Response {
  return new Response(Buffer.from(file.bytes), {
    headers: {
      ...CORS_HEADERS,
      "content-type": BOOKLET_TYPES[format],
      "content-disposition": `attachment; filename="${file.fileName}"`,
      "cache-control": cache,
      "x-content-sha256": file.sha256,
      "x-content-type-options": "nosniff",
    },
  });
}
