import { randomUUID } from "node:crypto";
import * as Y from "yjs";
import { config } from "@/lib/config";
import { RELAY_CHANNEL, type RelayEnvelope } from "@/lib/collab/relay";
import type { Tx } from "@/lib/db";
import { conflict, DomainError, forbidden } from "@/lib/errors";
import { accessRefusal, documentAccess } from "@/lib/permissions";
import { lockDocument } from "./compact";
import { documentLocked } from "./draft-store";
import { applyStoredRows, readStoredRows } from "./store";

/** Who makes a server-side edit: its author in the update log, and whose rights it is made under. */
export interface ServerWriter {
  id: string;
  siteAdmin: boolean;
}

/**
 * The server-side write path: an edit the app makes to a live draft for a
 * user (an amendment applied for an API client; later a restore or an
 * accepted suggestion), under the same rules as a socket's writes: the
 * user's rights from the one permission table, Final's lock (the database's
 * trigger), and the document size limit (COLLAB_MAX_DOCUMENT_BYTES).
 *
 * It runs in the caller's transaction, so whatever the caller records of the
 * edit (a thread's "applied") commits with it or not at all: the record and
 * the draft cannot disagree. Under the per-document lock (the one compaction
 * and the freeze take), it reads the stored draft, makes the edit on it, and
 * appends the resulting update to the log as one row with the user as
 * author. Then it announces the row on the collaboration relay as another
 * instance would; Postgres delivers a NOTIFY only when its transaction
 * commits, so the instances hear of the row exactly when it exists, and each
 * applies it to its open room (its editors see it at once). A room holding
 * unstored edits merges them with this one as Yjs does any two edits.
 *
 * Returns what `edit` returned, and whether it changed the document.
 */
export async function writeDraft<T>(
  tx: Tx,
  writer: ServerWriter,
  documentId: string,
  edit: (doc: Y.Doc) => T,
  limits: { maxDocumentBytes: number } = { maxDocumentBytes: config().COLLAB_MAX_DOCUMENT_BYTES },
): Promise<{ result: T; changed: boolean }> {
  const access = await documentAccess(writer, documentId);
  if (access.mode === "none") throw accessRefusal(access);
  if (access.mode === "read") {
    throw access.final
      ? conflict("The final version is published; the draft takes no more changes.", "window_closed")
      : forbidden(access.reason || "You may read this draft, not edit it.");
  }
  await lockDocument(tx, documentId);
  const doc = applyStoredRows(await readStoredRows(documentId, tx));
  try {
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    const result = doc.transact(() => edit(doc));
    if (updates.length === 0) return { result, changed: false };
    const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
    if (Y.encodeStateAsUpdate(doc).byteLength > limits.maxDocumentBytes) {
      throw new DomainError("The document has reached its size limit; this edit was not saved. Ask the secretariat.", 413);
    }
    const [row] = await appendRow(tx, documentId, writer.id, update);
    await tx.$executeRaw`select pg_notify(${RELAY_CHANNEL}, ${JSON.stringify(announcement(documentId, row.id))})`;
    return { result, changed: true };
  } finally {
    doc.destroy();
  }
}

async function appendRow(tx: Tx, documentId: string, userId: string, update: Uint8Array) {
  try {
    return await tx.$queryRaw<{ id: bigint }[]>`
      insert into "DocumentUpdate" ("documentId", "update", "userId")
      values (${documentId}::uuid, ${new Uint8Array(update)}, ${userId}::uuid)
      returning id`;
  } catch (error) {
    // Final locked the document after the rights were read: the trigger refuses the row.
    if (
      documentLocked(error) ||
      documentLocked((error as { meta?: { driverAdapterError?: { cause?: unknown } } }).meta?.driverAdapterError?.cause)
    )
      throw conflict("The final version is published; the draft takes no more changes.", "window_closed");
    throw error;
  }
}

/**
 * This process announces as a writer that does not listen (`listens: false`):
 * the instances apply its rows but never count it among them, so its
 * messages need no numbering (each names its rows, and applying a row twice
 * changes nothing).
 */
const WRITER_ID = `writer-${randomUUID()}`;

function announcement(documentId: string, rowId: bigint): RelayEnvelope {
  return {
    kind: "rows",
    documentId,
    from: rowId.toString(),
    to: rowId.toString(),
    count: 1,
    instance: WRITER_ID,
    seq: 0,
    listens: false,
  };
}
