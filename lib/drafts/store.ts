import * as Y from "yjs";
import { db, type Db, type Tx } from "@/lib/db";
import { yDocToDocumentJson } from "@/lib/documents";

/** A live draft as stored: its Y.Doc, and which update-log rows it was read from. */
export interface StoredDraft {
  doc: Y.Doc;
  /** Ids of the log rows applied, in order (compaction deletes exactly these). */
  rowIds: bigint[];
}

/** A stored draft's bytes: the compacted state and the log rows since, in order. */
export interface StoredRows {
  state: Uint8Array;
  rows: { id: bigint; update: Uint8Array }[];
}

/**
 * The one way to read a stored draft: the compacted state plus every update
 * logged since. Pass a transaction to read inside it (the freeze and
 * compaction do, under the per-document lock).
 */
export async function readStoredRows(documentId: string, client: Db | Tx = db()): Promise<StoredRows> {
  const document = await client.document.findUniqueOrThrow({ where: { id: documentId }, select: { state: true } });
  const rows = await client.documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  return { state: document.state, rows };
}

/** The stored rows applied in order through a Y.Doc (far faster than Y.mergeUpdates on many small updates). */
export function applyStoredRows({ state, rows }: StoredRows): Y.Doc {
  const doc = new Y.Doc();
  Y.transact(doc, () => {
    Y.applyUpdate(doc, state);
    for (const row of rows) Y.applyUpdate(doc, row.update);
  });
  return doc;
}

/** A stored draft as a Y.Doc, with the ids of the log rows it holds. */
export async function readStoredDraft(documentId: string, client: Db | Tx = db()): Promise<StoredDraft> {
  const stored = await readStoredRows(documentId, client);
  return { doc: applyStoredRows(stored), rowIds: stored.rows.map((r) => r.id) };
}

/** The live draft as stored, as a Y.Doc. */
export async function loadDraft(documentId: string): Promise<Y.Doc> {
  return (await readStoredDraft(documentId)).doc;
}

export async function loadDraftJson(documentId: string) {
  const ydoc = await loadDraft(documentId);
  try {
    return yDocToDocumentJson(ydoc);
  } finally {
    ydoc.destroy();
  }
}
