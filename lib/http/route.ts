import { z, ZodError, type ZodType } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { CORS_HEADERS } from "@/lib/http/cors";
import { FORBIDDEN_CHARACTER, forbiddenCharacterAt } from "@/lib/http/input";
import { BODY_TOO_LARGE, MAX_BODY_BYTES } from "@/lib/http/limits";
import { redactUrl } from "@/lib/http/redact";
import { logger } from "@/lib/logger";

type Context<P> = { params: Promise<P> };

export function jsonError(message: string, status: number, extra?: Record<string, unknown>): Response {
  return Response.json({ error: message, ...extra }, { status });
}

/** Explains the first problem zod found, naming the field. */
export function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.join(".");
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** Every problem zod found, for programs: the field's path and what is wrong with it. */
const zodIssues = (error: ZodError) => error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));

/**
 * Wraps a route handler: whatever it throws becomes a JSON error with a clear
 * message, a stable code and the right status (400/401/403/404/409/410/429),
 * never a stack trace. (Addresses holding a character that cannot be stored
 * never get here: scripts/serve-app.ts refuses them for pages and routes alike.)
 */
export function route<P = Record<string, never>>(
  run: (request: Request, params: P) => Promise<unknown>,
): (request: Request, context: Context<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const result = await run(request, await context.params);
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      if (error instanceof DomainError) return jsonError(error.message, error.status, { code: error.code });
      if (error instanceof ZodError)
        return jsonError(describeZodError(error), 400, { code: "invalid", issues: zodIssues(error) });
      // A malformed id in the URL, or a row that vanished meanwhile: the thing asked for is not there.
      const code = (error as { code?: string }).code;
      if (code === "P2023" || code === "P2025" || /invalid input syntax for type uuid/.test(String(error))) {
        return jsonError("Not found.", 404, { code: "not_found" });
      }
      logger.error({ err: error, url: redactUrl(request.url) }, "route failed");
      return jsonError("Something went wrong on our side; nothing was changed.", 500);
    }
  };
}

/**
 * The same door for the public JSON API, which the conference website reads
 * from another origin: every response, errors included, carries the CORS
 * headers (and `cacheControl` when it succeeds and set none of its own).
 */
export function publicRoute<P = Record<string, never>>(
  run: (request: Request, params: P) => Promise<unknown>,
  options: { cacheControl?: string } = {},
): (request: Request, context: Context<P>) => Promise<Response> {
  const inner = route(run);
  return async (request, context) => {
    const response = await inner(request, context);
    for (const [name, value] of Object.entries(CORS_HEADERS)) response.headers.set(name, value);
    if (options.cacheControl && response.ok && !response.headers.has("cache-control"))
      response.headers.set("cache-control", options.cacheControl);
    return response;
  };
}

/** The body as text, refusing (413) one that grows past the limit, whatever its Content-Length said. */
async function readLimitedText(request: Request): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new DomainError(BODY_TOO_LARGE, 413);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and validates a JSON body. */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
  // Requiring JSON also keeps cross-site HTML forms (which cannot send it) out.
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw invalid("Send the request body as JSON (Content-Type: application/json).");
  }
  const text = await readLimitedText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid("The request body must be JSON.");
  }
  const bad = forbiddenCharacterAt(body);
  if (bad !== null) throw invalid(`${bad}: ${FORBIDDEN_CHARACTER}.`);
  return schema.parse(body);
}

/** Reads and validates the query string (each parameter once; a repeated one keeps its last value). */
export function readQuery<T>(request: Request, schema: ZodType<T>): T {
  return schema.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/** Reads a JSON body whose shape the domain function validates itself. */
export function readBody(request: Request): Promise<unknown> {
  return readJson(request, z.unknown());
}
