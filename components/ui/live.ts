"use client";

import { useEffect, useRef } from "react";

export type LiveSignal = "comments" | "event" | "document" | "resync";

const SIGNALS: LiveSignal[] = ["comments", "event", "document", "resync"];

/** One stream per URL for the whole page, however many parts of it listen (browsers allow few connections per host). */
const shared = new Map<string, { source: EventSource; listeners: Set<(signal: LiveSignal) => void> }>();

function join(url: string, listener: (signal: LiveSignal) => void): () => void {
  let entry = shared.get(url);
  if (!entry) {
    const source = new EventSource(url);
    const listeners = new Set<(signal: LiveSignal) => void>();
    for (const signal of SIGNALS) source.addEventListener(signal, () => listeners.forEach((l) => l(signal)));
    entry = { source, listeners };
    shared.set(url, entry);
  }
  entry.listeners.add(listener);
  const current = entry;
  return () => {
    current.listeners.delete(listener);
    if (current.listeners.size === 0) {
      current.source.close();
      shared.delete(url);
    }
  };
}

/**
 * Hears the server's live events for a page (server-sent events from
 * `/api/live`) and calls `onSignal` for each. The browser reconnects by itself
 * after a lost connection, and the server then says "resync". Null: nothing to hear.
 */
export function useLive(url: string | null, onSignal: (signal: LiveSignal) => void): void {
  const handler = useRef(onSignal);
  useEffect(() => {
    handler.current = onSignal;
  });
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    return join(url, (signal) => handler.current(signal));
  }, [url]);
}
