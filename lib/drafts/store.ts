import * as Y from "yjs";
import { db } from "@/lib/db";
import { yDocToDocumentJson } from "@/lib/documents";

/**
 * The live draft as stored: the compacted state plus every update logged
 * since, applied in order through a Y.Doc.
 */
export async function loadDraft(documentId: string): Promise<Y.Doc> {
  const document = await db().document.findUniqueOrThrow({ where: { id: documentId }, select: { state: true } });
  const updates = await db().documentUpdate.findMany({
    where: { documentId },
    orderBy: { id: "asc" },
    select: { update: true },
  });
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, document.state);
  for (const row of updates) Y.applyUpdate(ydoc, row.update);
  return ydoc;
}

export async function loadDraftJson(documentId: string) {
  const ydoc = await loadDraft(documentId);
  try {
    return yDocToDocumentJson(ydoc);
  } finally {
    ydoc.destroy();
  }
}
