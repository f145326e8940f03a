import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  eventId?: string | null;
  actor: { id: string; name: string } | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
}

/** Writes an audit entry; always called with the transaction of the action it records. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      eventId: entry.eventId ?? null,
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.name ?? "system",
      action: entry.action,
      target: entry.target ?? "",
      details: (entry.details ?? {}) as Prisma.InputJsonObject,
    },
  });
}

/** The newest audit entries of an event, for its audit page. */
export async function auditLog(eventId: string, options: { before?: bigint; take?: number } = {}) {
  const rows = await db().auditEvent.findMany({
    where: { eventId, ...(options.before ? { id: { lt: options.before } } : {}) },
    orderBy: { id: "desc" },
    take: options.take ?? 100,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.createdAt.toISOString(),
    actor: r.actorName,
    action: r.action,
    target: r.target,
    details: r.details,
  }));
}
