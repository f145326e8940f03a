/**
 * Errors the domain code throws on purpose. Route handlers turn them into JSON
 * with the matching HTTP status; their message is shown to the user as is, so
 * it must be a clear sentence.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429,
  ) {
    super(message);
  }
}

export const invalid = (message: string) => new DomainError(message, 400);
export const unauthenticated = (message = "Please sign in.") => new DomainError(message, 401);
export const forbidden = (message = "You do not have permission to do that.") => new DomainError(message, 403);
export const notFound = (message = "Not found.") => new DomainError(message, 404);
export const conflict = (message: string) => new DomainError(message, 409);
export const gone = (message: string) => new DomainError(message, 410);
export const tooMany = (message: string) => new DomainError(message, 429);

/** Settles with the domain error instead of throwing it, for pages that show it in place; other errors still throw. */
export function orDomainError<T>(promise: Promise<T>): Promise<T | DomainError> {
  return promise.catch((error: unknown) => {
    if (error instanceof DomainError) return error;
    throw error;
  });
}
