import { db } from "@/lib/db";
import { MILESTONES, milestoneSlug } from "@/lib/events/schedule";
import { parseFrozen } from "./render";

/**
 * The published message sets of an event: for each published milestone, every
 * theme's version of it, named by a manifest whose SHA-256 is published with
 * it. Read side, for the public pages and API.
 */
export interface SetManifest {
  event: { slug: string; name: string; place: string };
  milestone: string;
  label: string;
  publishedAt: string;
  /** "How the messages were developed", as it stood at publication. */
  method: string;
  themes: { theme: string; title: string; version: number; versionId: string; sha256: string }[];
}

export interface SetSummary {
  milestone: string;
  label: string;
  publishedAt: string;
  sha256: string;
  themes: number;
}

async function publishedSets(eventSlug: string) {
  const event = await db().event.findUnique({
    where: { slug: eventSlug },
    include: { milestones: { where: { setManifest: { not: null } } } },
  });
  if (!event || event.archived) return null;
  const order = (kind: string) => MILESTONES.findIndex((m) => m.kind === kind);
  const milestones = [...event.milestones].sort((a, b) => order(a.kind) - order(b.kind));
  return { event, milestones };
}

/** Every published set of an event, in milestone order; null when there is no such (public) event. */
export async function listSets(eventSlug: string): Promise<SetSummary[] | null> {
  const found = await publishedSets(eventSlug);
  if (!found) return null;
  return found.milestones.map((m) => {
    const manifest = JSON.parse(m.setManifest!) as SetManifest;
    return {
      milestone: milestoneSlug(m.kind),
      label: manifest.label,
      publishedAt: manifest.publishedAt,
      sha256: m.setSha256!,
      themes: manifest.themes.length,
    };
  });
}

/** One set (`latest`: the last published), with its manifest's exact bytes and every version in it. */
export async function findSet(eventSlug: string, milestone: string) {
  const found = await publishedSets(eventSlug);
  if (!found) return null;
  const chosen =
    milestone === "latest" ? found.milestones.at(-1) : found.milestones.find((m) => milestoneSlug(m.kind) === milestone);
  if (!chosen) return null;
  const manifest = JSON.parse(chosen.setManifest!) as SetManifest;
  const rows = await db().version.findMany({ where: { id: { in: manifest.themes.map((t) => t.versionId) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const versions = manifest.themes.map((entry) => {
    const row = byId.get(entry.versionId)!;
    return { entry, row, frozen: parseFrozen(row.canonicalJson) };
  });
  return {
    event: found.event,
    milestone: milestoneSlug(chosen.kind),
    manifestJson: chosen.setManifest!,
    sha256: chosen.setSha256!,
    manifest,
    versions,
  };
}
