"use client";

import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CLOSE, FRAME, covers, markDeletions, mergeStored, readRights, readStored, type Rights } from "@/lib/collab/protocol";
import { documentPlainText, yDocToDocumentJson } from "@/lib/documents";
import { authoredKey, loadAuthored, offlineName, saveAuthored } from "./offline";

export type SaveState = "Offline" | "Saving…" | "Saved";

/** Why the server ended the connection for good; the page says it in its reader's language. */
export type Stopped = { why: "session" | "forbidden" | "gone" | "closed"; detail: string };

export interface DraftConnection {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** The socket's rights from the last frame 101 (or the page's check before it). */
  rights: Rights;
  saveState: SaveState;
  /** Whether the local copy has content (from the server or the offline copy). */
  loaded: boolean;
  /** Set when the server ended the connection for good (4401/4403): why. */
  stopped: Stopped | null;
  /** True while some local edit is not covered by a frame 100. */
  unsaved: boolean;
  /**
   * This tab's text from before the server made it reload (Final was published
   * while it held edits the store refused): offered to copy, since the
   * reloaded draft no longer has them.
   */
  lostText: string | null;
}

/**
 * One live draft: the Y.Doc, its offline copy in IndexedDB, and the
 * y-websocket provider, with our frames 100 (what is stored) and 101 (rights)
 * wired in. "Saved" means frame 100 covers every client id this browser wrote
 * with — never a timer.
 */
export function useDraftConnection(options: {
  documentId: string;
  collabUrl: string;
  userId: string;
  initialMode: Rights["mode"];
  initialReason: string;
  /** The page found the draft final (Final published). */
  initialFinal: boolean;
}) {
  const { documentId, collabUrl, userId, initialMode, initialReason, initialFinal } = options;
  const [connection, setConnection] = useState<DraftConnection | null>(null);
  // Bumped when the server tells this tab to reload: the effect then builds a fresh copy.
  const [generation, setGeneration] = useState(0);
  const [lostText, setLostText] = useState<string | null>(null);

  useEffect(() => {
    const ydoc = new Y.Doc();
    // Deletions advance this browser's clock too, so that "Saved" covers them.
    const stopMarking = markDeletions(ydoc);
    const persistence = new IndexeddbPersistence(offlineName(userId, documentId), ydoc);
    const provider = new WebsocketProvider(collabUrl, documentId, ydoc, {
      // The stock provider gives up on every 44xx close; a rate limit or a slow link is worth another try.
      shouldReconnect: (event) =>
        !(event.code >= 4400 && event.code < 4500) || event.code === CLOSE.LIMIT || event.code === CLOSE.SLOW,
    });
    const key = authoredKey(userId, documentId);
    const authored = loadAuthored(key);
    let stored = new Map<number, number>();
    let rights: Rights = { mode: initialMode, reason: initialReason, ...(initialFinal ? { final: true } : {}) };
    let stopped: Stopped | null = null;
    let loaded = false;
    let failures = 0;

    const publish = () => {
      const unsaved = !covers(stored, Y.decodeStateVector(Y.encodeStateVector(ydoc)), authored);
      const saveState: SaveState = !provider.wsconnected ? "Offline" : unsaved ? "Saving…" : "Saved";
      setConnection({ ydoc, provider, rights, saveState, loaded, stopped, unsaved, lostText });
    };

    const stop = (reason: Stopped) => {
      stopped = reason;
      provider.shouldConnect = false;
      provider.disconnect();
      publish();
    };

    ydoc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== persistence && !authored.has(ydoc.clientID)) {
        authored.add(ydoc.clientID);
        saveAuthored(key, authored);
      }
      loaded = loaded || ydoc.getXmlFragment("default").length > 0;
      publish();
    });
    // Each frame 100 carries the stored clocks of some client ids (on connect all of them, after a
    // commit just those this socket wrote under): what is stored only grows, so they are merged.
    provider.messageHandlers[FRAME.STORED] = (_encoder, decoder) => {
      stored = mergeStored(stored, Y.decodeStateVector(readStored(decoder)));
      publish();
    };
    provider.messageHandlers[FRAME.RIGHTS] = (_encoder, decoder) => {
      rights = readRights(decoder);
      publish();
    };
    provider.on("status", () => publish());
    provider.on("sync", (synced: boolean) => {
      if (synced) {
        loaded = true;
        failures = 0;
      }
      publish();
    });
    persistence.on("synced", () => {
      loaded = loaded || ydoc.getXmlFragment("default").length > 0;
      publish();
    });
    /**
     * The server dropped its copy, which held edits the store refused: so must
     * this tab, offline copy included, or it would go on showing text the
     * published version lacks. Its own unsaved text is kept aside to copy.
     */
    const reload = () => {
      provider.shouldConnect = false;
      provider.disconnect();
      const unsaved = !covers(stored, Y.decodeStateVector(Y.encodeStateVector(ydoc)), authored);
      const text = unsaved ? documentPlainText(yDocToDocumentJson(ydoc)) : null;
      void persistence.clearData().then(() => {
        if (text !== null) setLostText(text);
        setGeneration((g) => g + 1);
      });
    };

    provider.on("connection-close", (event: CloseEvent | null) => {
      if (event?.code === CLOSE.RELOAD) return reload();
      if (event?.code === CLOSE.SESSION_ENDED) return stop({ why: "session", detail: "" });
      if (event?.code === CLOSE.FORBIDDEN) return stop({ why: "forbidden", detail: event.reason });
      // Over a rate limit, or too slow to keep up: the provider reconnects by itself after a pause; nothing is lost.
      const passing = event?.code === CLOSE.LIMIT || event?.code === CLOSE.SLOW;
      if (event && event.code >= 4400 && event.code < 4500 && !passing) return stop({ why: "closed", detail: event.reason });
      // A refused upgrade (401/403) looks like any network failure to a browser:
      // after two failures in a row, ask the app whether access itself is gone.
      failures += 1;
      if (failures >= 2 && failures % 2 === 0) {
        void fetch(`/api/documents/${documentId}`)
          .then((response) => {
            if (response.status === 401) stop({ why: "session", detail: "" });
            else if (response.status === 403 || response.status === 404) stop({ why: "gone", detail: "" });
          })
          .catch(() => {});
      }
    });
    publish();

    return () => {
      stopMarking();
      provider.destroy();
      void persistence.destroy();
      ydoc.destroy();
      setConnection(null);
    };
  }, [documentId, collabUrl, userId, initialMode, initialReason, initialFinal, generation, lostText]);

  return connection;
}
