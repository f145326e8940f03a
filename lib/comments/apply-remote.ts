import { encode } from "next-auth/jwt";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { FRAME, markDeletions, mergeStored, readStored } from "@/lib/collab/protocol";
import { DomainError } from "@/lib/errors";
import { applyAmendmentToYDoc } from "./apply-yjs";

const TIMEOUT_MS = 15_000;

/** Where the app reaches the collaboration server itself (not the browsers' address). */
export function internalCollabUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.COLLAB_INTERNAL_URL ?? `ws://127.0.0.1:${env.COLLAB_PORT ?? "1234"}`;
}

/**
 * Applies an amendment for an API client that has no editor: the app joins the
 * document on the collaboration server as the acting user (their session, so
 * the server applies their rights), makes the edit in one Yjs transaction,
 * and waits until the server says it is stored (frame 100). Every open editor
 * sees it at once. Returns the id of the message that holds the text.
 */
export async function applyThroughCollaboration(
  user: { id: string; name: string; email: string; sessionVersion: number },
  documentId: string,
  amendment: { messageId: string; text: string; newMessage: boolean; newMessageId?: string },
): Promise<string> {
  const token = await encode({
    token: { uid: user.id, sv: user.sessionVersion, name: user.name, email: user.email, sub: user.id },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  const cookie = `next-auth.session-token=${token}`;
  const Socket = class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  };
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(internalCollabUrl(), documentId, ydoc, {
    WebSocketPolyfill: Socket as never,
    disableBc: true,
  });
  let stored = new Map<number, number>();
  provider.messageHandlers[FRAME.STORED] = (_encoder, decoder) => {
    stored = mergeStored(stored, Y.decodeStateVector(readStored(decoder)));
  };
  provider.messageHandlers[FRAME.RIGHTS] = () => {};
  const stopMarking = markDeletions(ydoc);
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!check()) {
      if (Date.now() > deadline)
        throw new DomainError(
          `The collaboration server did not answer in time (${what}); nothing was recorded.`,
          409,
          "conflict",
        );
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  try {
    await until(() => provider.synced, "loading the draft");
    const messageId = applyAmendmentToYDoc(ydoc, amendment);
    if (!messageId)
      throw new DomainError(
        "That message is no longer in the draft; apply the wording by hand where it belongs.",
        409,
        "conflict",
      );
    const mine = ydoc.clientID;
    const target = Y.decodeStateVector(Y.encodeStateVector(ydoc)).get(mine) ?? 0;
    if (target > 0) await until(() => (stored.get(mine) ?? 0) >= target, "storing the edit");
    return messageId;
  } finally {
    stopMarking();
    provider.destroy();
    ydoc.destroy();
  }
}
