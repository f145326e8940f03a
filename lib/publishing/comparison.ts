import { compareVersions, DEFAULT_COMPARE_LIMITS, type CompareLimits, type MessageChange } from "./compare";
import { findVersion, publicEvent } from "./public";
import { parseFrozen, type FrozenVersionJson } from "./render";

/**
 * Two published versions of a theme and what changed between them, as the
 * comparison page and its redline download both read them: `from` and `to`
 * are milestone slugs (day-3, day-4, final, latest); by default the last two
 * versions. Null when the event, the theme or a version is not there.
 */
export async function comparisonOf(
  eventSlug: string,
  themeSlug: string,
  choice: { from?: string; to?: string } = {},
  limits: CompareLimits = DEFAULT_COMPARE_LIMITS,
) {
  const event = await publicEvent(eventSlug);
  const versions = event?.themes.find((t) => t.slug === themeSlug)?.versions ?? [];
  if (!event || versions.length === 0) return null;
  const from = choice.from ?? versions.at(-2)?.milestone ?? versions[0].milestone;
  const to = choice.to ?? versions.at(-1)!.milestone;
  const [older, newer] = await Promise.all([findVersion(eventSlug, from, themeSlug), findVersion(eventSlug, to, themeSlug)]);
  if (!older || !newer) return null;
  const olderJson: FrozenVersionJson = parseFrozen(older.canonicalJson);
  const newerJson: FrozenVersionJson = parseFrozen(newer.canonicalJson);
  const changes: MessageChange[] = compareVersions(olderJson.content, newerJson.content, limits);
  return { event, versions, themeTitle: versions[0].themeTitle, from, to, older, newer, olderJson, newerJson, changes };
}

export type Comparison = NonNullable<Awaited<ReturnType<typeof comparisonOf>>>;
