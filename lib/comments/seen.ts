/**
 * "New comments since your last visit", per user and theme, stored on the
 * server (ReadMarker) so that it follows the user from device to device.
 */
import { db } from "@/lib/db";

/** The themes whose new comments concern a reviewer: a limited rapporteur's own, everyone else's all. */
export function concerns(subject: { role: string | null; themeIds: string[] }, themeId: string): boolean {
  return subject.role !== "RAPPORTEUR" || subject.themeIds.length === 0 || subject.themeIds.includes(themeId);
}

/**
 * For each theme of the event: comments by others, not deleted, on threads of
 * the theme's document, written after the user last looked at that theme
 * (all of them if never).
 */
export async function unreadCounts(userId: string, eventId: string): Promise<Map<string, number>> {
  const rows = await db().$queryRaw<{ themeId: string; unread: bigint }[]>`
    select t.id as "themeId", count(c.id) as unread
    from "Theme" t
    join "Document" d on d."themeId" = t.id
    join "CommentThread" th on th."documentId" = d.id
    join "Comment" c on c."threadId" = th.id
    left join "ReadMarker" m on m."themeId" = t.id and m."userId" = ${userId}::uuid
    where t."eventId" = ${eventId}::uuid
      and c."authorId" <> ${userId}::uuid
      and c."deletedAt" is null
      and (m."seenAt" is null or c."createdAt" > m."seenAt")
    group by t.id`;
  return new Map(rows.map((r) => [r.themeId, Number(r.unread)]));
}

/** Records that the user has looked at the theme's comments now. */
export async function markThemeSeen(userId: string, themeId: string, at: Date = new Date()): Promise<void> {
  await db().readMarker.upsert({
    where: { userId_themeId: { userId, themeId } },
    update: { seenAt: at },
    create: { userId, themeId, seenAt: at },
  });
}
