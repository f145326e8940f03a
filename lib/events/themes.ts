import { z } from "zod";
import { languageSchema } from "./languages";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { conflict, notFound } from "@/lib/errors";
import { slugSchema } from "@/lib/events/events";

export const createThemeInput = z.object({
  title: z.string().trim().min(2).max(200),
  slug: slugSchema.optional(),
});

export const updateThemeInput = z
  .object({
    title: z.string().trim().min(2).max(200).optional(),
    slug: slugSchema.optional(),
    /** The language the messages are written in (BCP 47). */
    language: languageSchema.optional(),
  })
  .strict();

const EMPTY_DOCUMENT = { type: "doc", content: [{ type: "paragraph" }] };

export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug.length >= 2 ? slug : "theme";
}

/** Creates a theme and its (empty) message document. */
export async function createTheme(actor: CurrentUser, eventId: string, input: z.infer<typeof createThemeInput>) {
  const slug = input.slug ?? slugify(input.title);
  return db().$transaction(async (tx) => {
    if (await tx.theme.findUnique({ where: { eventId_slug: { eventId, slug } } })) {
      throw conflict(`This event already has a theme with the address "${slug}".`);
    }
    const count = await tx.theme.count({ where: { eventId } });
    const theme = await tx.theme.create({
      data: {
        eventId,
        slug,
        title: input.title,
        position: count,
        document: { create: { title: input.title, state: documentJsonToUpdate(EMPTY_DOCUMENT) } },
      },
      include: { document: true },
    });
    await recordAudit(tx, { eventId, actor, action: "theme.create", target: theme.title, details: { slug } });
    return theme;
  });
}

async function themeOfEvent(eventId: string, themeId: string) {
  const theme = await db().theme.findFirst({ where: { id: themeId, eventId, archived: false }, include: { document: true } });
  if (!theme) throw notFound("There is no such theme in this event.");
  return theme;
}

export async function updateTheme(actor: CurrentUser, eventId: string, themeId: string, input: z.infer<typeof updateThemeInput>) {
  const theme = await themeOfEvent(eventId, themeId);
  return db().$transaction(async (tx) => {
    if (input.slug && input.slug !== theme.slug) {
      // Public URLs of published versions carry the theme slug: fixed from the first version on.
      const published = theme.document ? await tx.version.count({ where: { documentId: theme.document.id } }) : 0;
      if (published > 0) throw conflict("This theme has a published version; its address can no longer change.");
      if (await tx.theme.findUnique({ where: { eventId_slug: { eventId, slug: input.slug } } })) {
        throw conflict(`This event already has a theme with the address "${input.slug}".`);
      }
    }
    const updated = await tx.theme.update({ where: { id: themeId }, data: input });
    if (input.title && theme.document) {
      await tx.document.update({ where: { id: theme.document.id }, data: { title: input.title } });
    }
    await recordAudit(tx, { eventId, actor, action: "theme.update", target: updated.title, details: input });
    return updated;
  });
}

/** Themes are archived, never deleted: a published version may refer to them. */
export async function archiveTheme(actor: CurrentUser, eventId: string, themeId: string) {
  const theme = await themeOfEvent(eventId, themeId);
  return db().$transaction(async (tx) => {
    await tx.theme.update({ where: { id: themeId }, data: { archived: true } });
    if (theme.document) {
      await tx.document.update({ where: { id: theme.document.id }, data: { archived: true } });
      await notifyControl(tx, { kind: "document", documentId: theme.document.id });
    }
    await recordAudit(tx, { eventId, actor, action: "theme.archive", target: theme.title });
  });
}

export function themesOf(eventId: string) {
  return db().theme.findMany({
    where: { eventId, archived: false },
    include: { document: { select: { id: true, title: true, locked: true } } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
}
