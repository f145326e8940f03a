import { z } from "zod";
import { CORS_HEADERS, IMMUTABLE } from "@/lib/http/cors";
import { configuredOrigins } from "@/lib/http/origin";
import { BOOKLET_TYPES, type BookletFile, type BookletFormat } from "./index";

/** A booklet download's query: `?format=pdf` (the default) or `docx`. */
export const bookletQuery = z.object({ format: z.enum(["pdf", "docx"]).default("pdf") });

/** Where the colophon sends readers to verify: the app's public URL when configured, else this request's. */
export function publicOrigin(request: Request): string {
  return configuredOrigins()[0] ?? new URL(request.url).origin;
}

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
