import * as Y from "yjs";
import { db, type Tx } from "@/lib/db";
import { applyStoredRows, readStoredRows } from "./store";

/**
 * The per-document lock, shared by compaction and the freeze, so that a
 * version never sees a half-compacted log. Transaction-scoped.
 */
export async function lockDocument(tx: Tx, documentId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"document:" + documentId}, 0))`;
}

/**
 * Merges the update log into the stored state, through a Y.Doc (far faster
 * than Y.mergeUpdates on many small updates), and removes the merged rows.
 * Returns how many rows were merged.
 */
export async function compactDocument(documentId: string): Promise<number> {
  return db().$transaction(
    async (tx) => {
      await lockDocument(tx, documentId);
      const stored = await readStoredRows(documentId, tx);
      if (stored.rows.length === 0) return 0;
      const rowIds = stored.rows.map((r) => r.id);
      const doc = applyStoredRows(stored);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      await tx.document.update({ where: { id: documentId }, data: { state: new Uint8Array(state) } });
      // Exactly the rows merged: a row whose id is lower but whose insert committed after the read is kept.
      await tx.documentUpdate.deleteMany({ where: { documentId, id: { in: rowIds } } });
      return rowIds.length;
    },
    { timeout: 60_000 },
  );
}
