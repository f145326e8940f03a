"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's stable error code (`lib/errors.ts`), for the UI to branch on; "network" when unreachable. */
    readonly code: string = "unknown",
  ) {
    super(message);
  }
}

/** Calls one of our JSON routes; a non-2xx answer becomes an ApiError with the server's sentence. */
export async function callApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("The server could not be reached; check your connection and try again.", 0, "network");
  }
  const data = (await response.json().catch(() => ({}))) as unknown;
  if (!response.ok) {
    const { error: message, code } = data as { error?: unknown; code?: unknown };
    if (typeof message !== "string")
      throw new ApiError(`The request failed (${response.status}).`, response.status, "no_message");
    throw new ApiError(message, response.status, typeof code === "string" ? code : "unknown");
  }
  return data as T;
}

/**
 * The sentence to show for a failure: the server's own when it gave one, else
 * (unreachable, a failure without a sentence) one in the reader's language.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("errors");
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.code === "network") return t("network");
      if (e instanceof ApiError && e.code === "no_message")
        return e.status >= 500 ? t("server") : t("failed", { status: e.status });
      return e instanceof Error ? e.message : String(e);
    },
    [t],
  );
}

/** Runs an API call with a pending flag and an error message for the UI. */
export function useAction() {
  const errorText = useErrorText();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      setPending(true);
      setError(null);
      try {
        return await action();
      } catch (e) {
        setError(errorText(e));
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [errorText],
  );
  return { pending, error, run, setError };
}
