import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { FRAME, readStored } from "@/lib/collab/protocol";
import { webSocketWithCookie } from "@/server/testing";

/**
 * The benchmark's clients, for each protocol: stock providers holding a full
 * Y.Doc (editors, viewers, idle writers), and raw watchers that only read the
 * metadata of each update (so one process can hold thousands of them).
 * Every receiver reports what it has to a `Deliveries` ledger.
 */
export type Protocol = "y-websocket" | "hocuspocus" | "relay";

interface Keystroke {
  clock: number;
  sentAt: number;
  waiting: number;
  deliveredAt: number | null;
  storedAt: number | null;
}

/** Every keystroke typed, and which receivers have it. */
export class Deliveries {
  readonly keystrokes = new Map<number, Keystroke[]>();
  receivers = 0;
  /** Bytes of frame 100 heard by every client. */
  acknowledgementBytes = 0;
  /** Frames and bytes heard by the raw sockets, to show how much each one costs the server per keystroke. */
  rawFrames = 0;
  rawBytes = 0;
  rawSockets = 0;

  type(author: number, clock: number): void {
    let list = this.keystrokes.get(author);
    if (!list) this.keystrokes.set(author, (list = []));
    list.push({ clock, sentAt: performance.now(), waiting: this.receivers - 1, deliveredAt: null, storedAt: null });
  }

  /** A new receiver; call the result whenever its state for an author may have advanced. */
  receiver(): (author: number, state: number) => void {
    this.receivers += 1;
    const seen = new Map<number, number>();
    return (author, state) => {
      const list = this.keystrokes.get(author);
      if (!list) return;
      let index = seen.get(author) ?? 0;
      if (index >= list.length || list[index].clock > state) return;
      const now = performance.now();
      while (index < list.length && list[index].clock <= state) {
        const keystroke = list[index++];
        if (--keystroke.waiting === 0) keystroke.deliveredAt = now;
      }
      seen.set(author, index);
    };
  }

  /** An author heard that its keystrokes up to `clock` are stored. */
  stored(author: number, clock: number): void {
    const now = performance.now();
    for (const keystroke of this.keystrokes.get(author) ?? []) {
      if (keystroke.clock > clock) break;
      keystroke.storedAt ??= now;
    }
  }

  all(): Keystroke[] {
    return [...this.keystrokes.values()].flat();
  }
}

export interface DocClient {
  doc: Y.Doc;
  connected(): boolean;
  synced(): boolean;
  destroy(): void;
}

export interface Target {
  protocol: Protocol;
  url: string;
  room: string;
}

/** A stock provider for the target's protocol, reporting to the ledger. */
export function docClient(target: Target, credential: string, deliveries: Deliveries, canWrite: boolean): DocClient {
  const doc = new Y.Doc();
  const see = deliveries.receiver();
  doc.on("update", () => {
    for (const author of deliveries.keystrokes.keys()) if (author !== doc.clientID) see(author, Y.getState(doc.store, author));
  });
  if (target.protocol === "hocuspocus") {
    // One socket per client, as a browser tab has: Node 20 has no global WebSocket, so it is given.
    const socket = new HocuspocusProviderWebsocket({ url: target.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: target.room,
      document: doc,
      token: canWrite ? "write" : "read",
    });
    provider.attach();
    return {
      doc,
      connected: () => provider.isAuthenticated,
      synced: () => provider.isSynced,
      destroy() {
        provider.destroy();
        socket.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.url, target.room, doc, {
    WebSocketPolyfill: (credential ? webSocketWithCookie(credential) : WebSocket) as never,
    disableBc: true,
  });
  provider.messageHandlers[FRAME.RIGHTS] = () => {};
  provider.messageHandlers[FRAME.STORED] = (_encoder, decoder) => {
    deliveries.acknowledgementBytes += decoder.arr.byteLength;
    const clock = Y.decodeStateVector(readStored(decoder)).get(doc.clientID);
    if (clock !== undefined) deliveries.stored(doc.clientID, clock);
  };
  return {
    doc,
    connected: () => provider.wsconnected,
    // The bare relay has no server state to sync with.
    synced: () => target.protocol === "relay" || provider.synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface Watcher {
  startedAt: number;
  greetedAt: number | null;
  failed: string | null;
  close(): void;
}

const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

interface HeardFrame {
  greeting: boolean;
  clocks: [number, number][];
}
const readFrames = new Map<string, HeardFrame | null>();

/** What a frame tells a watcher: the clocks its update reaches, and whether it is the initial document. */
function readFrame(data: Buffer, documentName: string | null): HeardFrame | null {
  const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (documentName !== null) decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== FRAME.SYNC && !(documentName !== null && type === HOCUSPOCUS_SYNC_REPLY)) return null;
  const kind = decoding.readVarUint(decoder);
  if (kind === 0) return null; // the server's state vector: a read-only watcher has nothing to send
  const meta = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
  return { greeting: kind === 1, clocks: [...meta.to] };
}

/**
 * A participant that keeps no document: it asks for the document once, then
 * reads only the metadata (client ids and clocks) of each update. As a writer
 * (a rapporteur with the document open, not typing) it connects with the
 * right to write and announces its presence, as an idle editor tab does; a
 * stock provider would also hold the whole Y.Doc, and one process cannot hold
 * a hundred of those on a long-lived document the way a hundred laptops do.
 */
export function watcher(target: Target, credential: string, deliveries: Deliveries, writer = false): Watcher {
  const see = deliveries.receiver();
  deliveries.rawSockets += 1;
  const hocuspocus = target.protocol === "hocuspocus";
  const url = hocuspocus ? target.url : `${target.url}/${target.room}`;
  const socket = new WebSocket(url, credential && !hocuspocus ? { headers: { cookie: credential } } : {});
  const state: Watcher = {
    startedAt: performance.now(),
    greetedAt: null,
    failed: null,
    close: () => socket.terminate(),
  };
  const frame = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    if (hocuspocus) encoding.writeVarString(encoder, target.room);
    write(encoder);
    return encoding.toUint8Array(encoder);
  };
  socket.binaryType = "nodebuffer";
  socket.on("open", () => {
    if (target.protocol === "relay") state.greetedAt = performance.now();
    if (hocuspocus) {
      socket.send(
        frame((e) => {
          encoding.writeVarUint(e, HOCUSPOCUS_AUTH);
          encoding.writeVarUint(e, 0);
          encoding.writeVarString(e, writer ? "write" : "read");
        }),
      );
    }
    socket.send(
      frame((e) => {
        encoding.writeVarUint(e, FRAME.SYNC);
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR);
      }),
    );
    if (writer) {
      const presence = new Awareness(new Y.Doc());
      presence.setLocalState({ user: { name: "Idle rapporteur" } });
      socket.send(
        frame((e) => {
          encoding.writeVarUint(e, FRAME.AWARENESS);
          encoding.writeVarUint8Array(e, encodeAwarenessUpdate(presence, [presence.clientID]));
        }),
      );
      presence.destroy();
    }
  });
  socket.on("message", (data: Buffer) => {
    if (!hocuspocus && data[0] === FRAME.STORED) deliveries.acknowledgementBytes += data.byteLength;
    deliveries.rawFrames += 1;
    deliveries.rawBytes += data.byteLength;
    // Every watcher hears the same bytes: each distinct frame is read once for all of them, so
    // that the client process measures the server rather than its own parsing.
    const key = data.toString("latin1");
    let heard = readFrames.get(key);
    if (heard === undefined) {
      heard = readFrame(data, hocuspocus ? target.room : null);
      if (readFrames.size > 10_000) readFrames.clear();
      readFrames.set(key, heard);
    }
    if (heard === null) return;
    if (heard.greeting) state.greetedAt ??= performance.now();
    for (const [author, clock] of heard.clocks) see(author, clock);
  });
  socket.on("unexpected-response", (_request, response) => {
    state.failed = `HTTP ${response.statusCode}`;
  });
  socket.on("error", (error) => {
    state.failed ??= error.message;
  });
  socket.on("close", (code) => {
    if (code !== 1005 && code !== 1006) state.failed ??= `closed ${code}`;
  });
  return state;
}
