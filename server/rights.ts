import type { Logger } from "pino";
import { CLOSE, type Rights } from "@/lib/collab/protocol";
import type { ControlEvent } from "@/lib/collab/control";
import { listenForControl } from "@/lib/collab/listen";
import { sessionDocumentAccess, type DocumentAccess } from "@/lib/permissions";
import type { Connection } from "./connection";

/** What a socket may do on its document, as frame 101 says it. */
export const rightsFor = (access: DocumentAccess): Rights =>
  access.mode === "write"
    ? { mode: "read-write", reason: "" }
    : {
        mode: "read-only",
        reason: access.mode === "read" ? access.reason : "",
        ...(access.mode === "read" && access.final ? { final: true } : {}),
      };

/**
 * Where rights change on an open socket. The app announces every change of
 * membership, role, theme, session or publication as a control event
 * (lib/collab/control.ts, over Postgres NOTIFY); the sockets it may concern
 * are checked again against lib/permissions, the one permission table: a lost
 * session or right closes the socket (4401, 4403), a changed one is pushed as
 * frame 101. A lost listener re-checks every socket.
 */
export function watchRights(options: {
  databaseUrl: string;
  logger: Logger;
  /** The sockets open on this instance now. */
  connections: ReadonlySet<Connection>;
  /** Hears every control event too (the publication scheduler re-arms on schedule changes). */
  onControl?: (event: ControlEvent | null) => void;
}) {
  const { logger, connections } = options;

  async function recheck(matches: (connection: Connection) => boolean): Promise<void> {
    for (const connection of [...connections].filter(matches)) {
      try {
        const checked = await sessionDocumentAccess(connection.claims, connection.room.documentId);
        if (!checked) {
          connection.close(CLOSE.SESSION_ENDED, "Your session has ended; sign in again.");
          continue;
        }
        connection.user = checked.user;
        const access = checked.access;
        if (access.mode === "none") connection.close(CLOSE.FORBIDDEN, access.reason);
        else connection.setRights(rightsFor(access));
      } catch (error) {
        logger.warn({ err: error }, "re-checking a socket's rights failed");
      }
    }
  }

  return listenForControl(options.databaseUrl, logger, (event) => {
    options.onControl?.(event);
    if (!event) void recheck(() => true);
    else if (event.kind === "user") void recheck((c) => c.user.id === event.userId);
    else if (event.kind === "event") void recheck((c) => c.room.eventId === event.eventId);
    else void recheck((c) => c.room.documentId === event.documentId);
  });
}
