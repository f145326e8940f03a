import type * as Y from "yjs";
import { appendUpdates, readAppendedRows, type AppendedRows } from "./append";
import { compactDocument } from "./compact";
import { readStoredDraft } from "./store";

/**
 * Where a room keeps its document: load it, append what its Y.Doc emits, and
 * merge the log into the stored state. The collaboration server's rooms talk
 * to storage only through this, so another store (or a relay between
 * instances in front of it) fits without touching them.
 */
export interface DraftStore {
  /** The stored draft and how many log rows it has. */
  load(documentId: string): Promise<{ doc: Y.Doc; logRows: number }>;
  /** Appends updates in one transaction; after Final, rejects with an error that `documentLocked` recognises. */
  append(documentId: string, rows: { update: Uint8Array; userId: string | null }[]): Promise<AppendedRows | void>;
  /** The log rows with ids in a range another instance announced (fewer than announced: compaction merged some). */
  readRows?(documentId: string, from: bigint, to: bigint): Promise<{ id: bigint; update: Uint8Array }[]>;
  /** Merges the log into the stored state; returns how many rows it merged. */
  compact(documentId: string): Promise<number>;
}

/**
 * The SQLSTATE the database raises for an update to a locked document (the
 * trigger of migration 20261206000200): our own class "RP".
 */
export const DOCUMENT_LOCKED_SQLSTATE = "RP001";

/**
 * Whether a failed write was refused because Final locked the document: the
 * SQLSTATE as node-postgres reports it, or as Prisma wraps it (a raw query
 * through the driver adapter).
 */
export function documentLocked(error: unknown): boolean {
  const wrapped = (error as { meta?: { driverAdapterError?: { cause?: unknown } } } | null)?.meta?.driverAdapterError?.cause;
  return [error, wrapped].some(
    (e) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === DOCUMENT_LOCKED_SQLSTATE,
  );
}

/** The Postgres store: the `Document` state and the `DocumentUpdate` log. */
export const postgresDraftStore: DraftStore = {
  async load(documentId) {
    const { doc, rowIds } = await readStoredDraft(documentId);
    return { doc, logRows: rowIds.length };
  },
  append: appendUpdates,
  readRows: readAppendedRows,
  compact: compactDocument,
};
