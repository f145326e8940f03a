import { db } from "@/lib/db";
import { VERSION_LABEL } from "./labels";

/** Where a draft stands in the schedule: its next publication (unless locked) and its last frozen version. */
export async function publicationNotice(documentId: string) {
  const document = await db().document.findUniqueOrThrow({ where: { id: documentId }, include: { theme: true } });
  const next = await db().milestone.findFirst({
    where: { eventId: document.theme.eventId, publishedAt: null },
    orderBy: { dueAt: "asc" },
  });
  const last = await db().version.findFirst({ where: { documentId }, orderBy: { number: "desc" } });
  return {
    next: next && !document.locked ? { label: VERSION_LABEL[next.kind], kind: next.kind, dueAt: next.dueAt.toISOString() } : null,
    lastFrozen: last ? { number: last.number, label: last.label, at: last.createdAt.toISOString() } : null,
  };
}
