import { db } from "@/lib/db";
import { milestoneBySlug, milestoneSlug } from "@/lib/events/schedule";

/**
 * Read side of publications, for the public pages and API: only published
 * things. A version stays public when its theme is archived afterwards: a
 * citation of it must not break. Archived events are gone from view.
 */

export interface VersionSummary {
  id: string;
  theme: string;
  themeTitle: string;
  milestone: string;
  number: number;
  label: string;
  publishedAt: string;
  sha256: string;
}

export async function publicEvent(slug: string) {
  const event = await db().event.findUnique({
    where: { slug },
    include: {
      themes: {
        orderBy: { position: "asc" },
        include: { document: { include: { versions: { orderBy: { number: "asc" }, include: { milestone: true } } } } },
      },
    },
  });
  if (!event || event.archived) return null;
  const themes = event.themes.map((theme) => ({
    slug: theme.slug,
    title: theme.title,
    archived: theme.archived,
    versions: (theme.document?.versions ?? []).map((v): VersionSummary => ({
      id: v.id,
      theme: theme.slug,
      themeTitle: theme.title,
      milestone: milestoneSlug(v.milestone.kind),
      number: v.number,
      label: v.label,
      publishedAt: v.createdAt.toISOString(),
      sha256: v.sha256,
    })),
  }));
  return { slug: event.slug, name: event.name, place: event.place, timeZone: event.timeZone, themes };
}

/** A version by event, milestone (or "latest") and theme slug. */
export async function findVersion(eventSlug: string, milestone: string, themeSlug: string) {
  const where = { document: { theme: { slug: themeSlug, event: { slug: eventSlug, archived: false } } } };
  if (milestone === "latest") return db().version.findFirst({ where, orderBy: { number: "desc" }, include: { milestone: true } });
  const kind = (() => {
    try {
      return milestoneBySlug(milestone).kind;
    } catch {
      return null;
    }
  })();
  if (!kind) return null;
  return db().version.findFirst({ where: { ...where, milestone: { kind } }, include: { milestone: true } });
}

export async function versionById(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const version = await db().version.findUnique({
    where: { id },
    include: { document: { include: { theme: { include: { event: true } } } } },
  });
  if (!version || version.document.theme.event.archived) return null;
  return version;
}

/** A public, unarchived event by its slug, or null. */
export async function openEvent(slug: string) {
  const event = await db().event.findUnique({ where: { slug } });
  return event && !event.archived ? event : null;
}
