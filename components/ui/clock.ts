import { useSyncExternalStore } from "react";

/**
 * The current time, re-rendering every `intervalMs`; null while the page is
 * rendered on the server and hydrated, so server and browser agree.
 */
export function useNow(intervalMs: number): number | null {
  return useSyncExternalStore(
    (onChange) => {
      const timer = setInterval(onChange, intervalMs);
      return () => clearInterval(timer);
    },
    // Whole seconds, so that the snapshot is stable between two reads in one render.
    () => Math.floor(Date.now() / 1000) * 1000,
    () => null,
  );
}
