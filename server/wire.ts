import type { Socket } from "node:net";
import * as ws from "ws";
import type WebSocket from "ws";

/**
 * Websocket framing done once per broadcast: the frame's bytes (header and
 * payload) are built once and written as they are to every socket, instead
 * of ws framing (and copying) the same payload for each socket.
 *
 * It writes below ws's Sender, which is safe only while the Sender queues
 * nothing of its own: it queues only while compressing, and our server runs
 * without permessage-deflate (checked per socket by `canWriteRaw`).
 */
interface FramingSender {
  frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean }): Buffer[];
}
const BINARY = 2;

export function wireFrame(payload: Uint8Array): Buffer {
  const data = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const parts = (ws as unknown as { Sender: FramingSender }).Sender.frame(data, {
    fin: true,
    opcode: BINARY,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** A frame sent to many sockets: its payload, and its websocket framing built on first use. */
export class SharedFrame {
  private framed: Buffer | null = null;
  constructor(readonly payload: Uint8Array) {}
  get wire(): Buffer {
    return (this.framed ??= wireFrame(this.payload));
  }
}

interface WebSocketInternals {
  _socket: Socket | null;
  _sender: { _queue: unknown[] } | null;
}

/** The socket's stream when raw frames may be written to it: open, uncompressed, nothing queued in ws. */
export function rawStream(socket: WebSocket): Socket | null {
  if (socket.readyState !== socket.OPEN || socket.extensions !== "") return null;
  const internals = socket as unknown as WebSocketInternals;
  if (!internals._socket || !internals._sender || internals._sender._queue.length > 0) return null;
  return internals._socket;
}
