"use client";

import { useEffect, useRef } from "react";

export type LiveSignal = "comments" | "event" | "document" | "resync";

/**
 * Hears the server's live events for a page (server-sent events from
 * `/api/live`) and calls `onSignal` for each; the browser reconnects by itself
 * after a lost connection, and the server then says "resync". Null: nothing to hear.
 */
export function useLive(url: string | null, onSignal: (signal: LiveSignal) => void): void {
  const handler = useRef(onSignal);
  useEffect(() => {
    handler.current = onSignal;
  });
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
    const signals: LiveSignal[] = ["comments", "event", "document", "resync"];
    const listeners = signals.map((signal) => {
      const listener = () => handler.current(signal);
      source.addEventListener(signal, listener);
      return [signal, listener] as const;
    });
    return () => {
      for (const [signal, listener] of listeners) source.removeEventListener(signal, listener);
      source.close();
    };
  }, [url]);
}
