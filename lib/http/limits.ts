/** Largest request body the app accepts (1 MB): the proxy refuses a larger Content-Length, readJson a larger stream. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const BODY_TOO_LARGE = "The request body is larger than 1 MB.";
