"use client";

/** Names of this browser's offline copies of drafts (IndexedDB) and their bookkeeping (localStorage). */
export const offlineName = (userId: string, documentId: string) => `rapporteur:${userId}:${documentId}`;
export const authoredKey = (userId: string, documentId: string) => `rapporteur:authored:${userId}:${documentId}`;

/**
 * Deletes every offline copy this browser keeps, on sign-out: a shared
 * computer must not keep someone's unsent drafts.
 */
export async function clearOfflineCopies(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith("rapporteur:")) localStorage.removeItem(key);
    const databases = (await indexedDB.databases?.()) ?? [];
    await Promise.all(
      databases
        .filter((d) => d.name?.startsWith("rapporteur:"))
        .map(
          (d) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(d.name!);
              request.onsuccess = request.onerror = request.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // Private windows may refuse storage APIs; there is nothing to clear then.
  }
}

/** The client ids this browser wrote this document with, kept across reloads. */
export function loadAuthored(key: string): Set<number> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return new Set(Array.isArray(raw) ? raw.filter((n): n is number => Number.isInteger(n)) : []);
  } catch {
    return new Set();
  }
}

export function saveAuthored(key: string, ids: Set<number>): void {
  try {
    localStorage.setItem(key, JSON.stringify([...ids]));
  } catch {
    /* storage full or refused: "Saved" then only covers this tab's own id */
  }
}
