import { DateTime } from "luxon";
import { directionOf, primaryLanguage } from "@/lib/events/languages";
import { db } from "@/lib/db";
import { milestoneSlug } from "@/lib/events/schedule";
import type { FrozenVersionJson } from "../render";
import { parseFrozen } from "../render";
import { findSet, type SetManifest } from "../sets";
import { annexOf, blocksOf, type Booklet, type BookletTheme } from "./model";

/**
 * Booklets built from what was frozen: a version's canonical JSON, or a set's
 * manifest and its versions. Only the event's name, place, zone and schedule
 * come from the event row (the cover); the text and the hashes do not change.
 */
const day = (iso: string | Date, zone: string) =>
  DateTime.fromJSDate(new Date(iso), { zone }).setLocale("en-GB").toLocaleString(DateTime.DATE_FULL);

/** The event's days: Day 3's date is its third day, Final's its last. */
function eventDates(milestones: { kind: string; dueAt: Date }[], zone: string): string {
  const day3 = milestones.find((m) => m.kind === "DAY3");
  const final = milestones.find((m) => m.kind === "FINAL");
  if (!day3 || !final) return "";
  const start = DateTime.fromJSDate(day3.dueAt, { zone }).minus({ days: 2 }).setLocale("en-GB");
  const end = DateTime.fromJSDate(final.dueAt, { zone }).setLocale("en-GB");
  if (start.hasSame(end, "month")) return `${start.toFormat("d")}–${end.toFormat("d MMMM yyyy")}`;
  return `${start.toFormat("d MMMM")} – ${end.toFormat("d MMMM yyyy")}`;
}

const themeOf = (frozen: FrozenVersionJson, sha256: string, origin: string): BookletTheme => ({
  title: frozen.title,
  label: frozen.label,
  version: frozen.version,
  sha256,
  frontMatter: frozen.frontMatter ?? null,
  blocks: blocksOf(frozen.content, frozen),
  annex: annexOf(frozen.sessions, origin, primaryLanguage(frozen.language)),
  lang: primaryLanguage(frozen.language),
  dir: directionOf(frozen.language),
});

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** One theme's version as a booklet; null when there is no such public version. */
export async function versionBooklet(versionId: string, origin: string): Promise<Booklet | null> {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const version = await db().version.findUnique({
    where: { id: versionId },
    include: { milestone: true, document: { include: { theme: { include: { event: { include: { milestones: true } } } } } } },
  });
  if (!version || version.document.theme.event.archived) return null;
  const event = version.document.theme.event;
  const frozen = parseFrozen(version.canonicalJson);
  const milestone = milestoneSlug(version.milestone.kind);
  const file = `${event.slug}-${frozen.theme}-v${version.number}.json`;
  return {
    kind: "version",
    title: frozen.title,
    label: frozen.label,
    event: { name: event.name, place: event.place, dates: eventDates(event.milestones, event.timeZone) },
    publishedOn: day(frozen.publishedAt, event.timeZone),
    publishedAt: frozen.publishedAt,
    lang: primaryLanguage(frozen.language),
    // The method text as its publication froze it (in the set's manifest).
    method: version.milestone.setManifest ? paragraphs((JSON.parse(version.milestone.setManifest) as SetManifest).method) : [],
    themes: [themeOf(frozen, version.sha256, origin)],
    hash: {
      sha256: version.sha256,
      of: "this version's JSON",
      file,
      url: `${origin}/api/public/versions/${version.id}?format=json`,
    },
    fileName: `${event.slug}-${frozen.theme}-${milestone}`,
    source: `version:${version.id}`,
  };
}

/** A message set as a booklet (`latest` allowed); null when there is no such set. */
export async function setBooklet(eventSlug: string, milestone: string, origin: string): Promise<Booklet | null> {
  const set = await findSet(eventSlug, milestone);
  if (!set) return null;
  const milestones = await db().milestone.findMany({ where: { eventId: set.event.id } });
  return {
    kind: "set",
    title: set.manifest.event.name,
    label: set.manifest.label,
    event: { name: set.manifest.event.name, place: set.manifest.event.place, dates: eventDates(milestones, set.event.timeZone) },
    publishedOn: day(set.manifest.publishedAt, set.event.timeZone),
    publishedAt: set.manifest.publishedAt,
    lang: "en",
    method: paragraphs(set.manifest.method),
    themes: set.versions.map(({ entry, frozen }) => themeOf(frozen, entry.sha256, origin)),
    hash: {
      sha256: set.sha256,
      of: "the set's manifest",
      file: `${eventSlug}-${set.milestone}-manifest.json`,
      url: `${origin}/api/public/events/${eventSlug}/sets/${set.milestone}`,
    },
    fileName: `${eventSlug}-${set.milestone}`,
    source: `set:${set.event.id}:${set.milestone}`,
  };
}
