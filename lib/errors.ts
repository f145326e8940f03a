/**
 * Errors the domain code throws on purpose. Route handlers turn them into JSON
 * (`{ "error": sentence, "code": code }`) with the matching HTTP status. The
 * message is shown to the user as is, so it must be a clear sentence; the
 * code is stable, for clients (our UI included) to branch on.
 */
export type ErrorCode =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_member"
  | "not_found"
  | "conflict"
  | "window_not_open"
  | "window_closed"
  | "superseded"
  | "archived"
  | "not_saved_yet"
  | "gone"
  | "too_large"
  | "rate_limited";

type Status = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429;

const DEFAULT_CODE: Record<Status, ErrorCode> = {
  400: "invalid",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  410: "gone",
  413: "too_large",
  429: "rate_limited",
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(
    message: string,
    readonly status: Status,
    code?: ErrorCode,
  ) {
    super(message);
    this.code = code ?? DEFAULT_CODE[status];
  }
}

export const invalid = (message: string, code?: ErrorCode) => new DomainError(message, 400, code);
export const unauthenticated = (message = "Please sign in.") => new DomainError(message, 401);
export const forbidden = (message = "You do not have permission to do that.", code?: ErrorCode) =>
  new DomainError(message, 403, code);
export const notFound = (message = "Not found.") => new DomainError(message, 404);
export const conflict = (message: string, code?: ErrorCode) => new DomainError(message, 409, code);
export const gone = (message: string) => new DomainError(message, 410);
export const tooMany = (message: string) => new DomainError(message, 429);

/** Settles with the domain error instead of throwing it, for pages that show it in place; other errors still throw. */
export function orDomainError<T>(promise: Promise<T>): Promise<T | DomainError> {
  return promise.catch((error: unknown) => {
    if (error instanceof DomainError) return error;
    throw error;
  });
}
