import * as Y from "yjs";
import { db, type Tx } from "@/lib/db";

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
      const document = await tx.document.findUniqueOrThrow({ where: { id: documentId }, select: { state: true } });
      const rows = await tx.documentUpdate.findMany({
        where: { documentId },
        orderBy: { id: "asc" },
        select: { id: true, update: true },
      });
      if (rows.length === 0) return 0;
      const ydoc = new Y.Doc();
      Y.applyUpdate(ydoc, document.state);
      for (const row of rows) Y.applyUpdate(ydoc, row.update);
      const state = Y.encodeStateAsUpdate(ydoc);
      ydoc.destroy();
      await tx.document.update({ where: { id: documentId }, data: { state: new Uint8Array(state) } });
      // Exactly the rows merged: a row whose id is lower but whose insert committed after the read is kept.
      await tx.documentUpdate.deleteMany({ where: { documentId, id: { in: rows.map((r) => r.id) } } });
      return rows.length;
    },
    { timeout: 60_000 },
  );
}
