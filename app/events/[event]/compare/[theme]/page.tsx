import type { SourceRef } from "@/lib/documents";
import { directionOf } from "@/lib/events/languages";
import { parseFrozen, type FrozenVersionJson } from "@/lib/publishing/render";
import Link from "next/link";
import { notFound } from "next/navigation";
import { compareVersions } from "@/lib/publishing/compare";
import { findVersion, publicEvent } from "@/lib/publishing/public";

export const dynamic = "force-dynamic";

const KIND_LABEL = { added: "Added", removed: "Removed", changed: "Changed", unchanged: "Unchanged" } as const;

/** Two versions of a theme, message by message: ?from=day-3&to=day-4 (default: the last two). */
export default async function ComparePage(props: {
  params: Promise<{ event: string; theme: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { event: eventSlug, theme } = await props.params;
  const query = await props.searchParams;
  const event = await publicEvent(eventSlug);
  const versions = event?.themes.find((t) => t.slug === theme)?.versions ?? [];
  if (!event || versions.length === 0) notFound();
  const from = query.from ?? versions.at(-2)?.milestone ?? versions[0].milestone;
  const to = query.to ?? versions.at(-1)!.milestone;
  const [older, newer] = await Promise.all([findVersion(eventSlug, from, theme), findVersion(eventSlug, to, theme)]);
  if (!older || !newer) notFound();
  const [olderJson, newerJson] = [parseFrozen(older.canonicalJson), parseFrozen(newer.canonicalJson)];
  const changes = compareVersions(olderJson.content, newerJson.content);
  const sourceName = (ref: SourceRef, frozen: FrozenVersionJson) => {
    const session = frozen.sessions?.find((s) => s.id === ref.session);
    const quote = ref.item ? frozen.quotes?.[`${ref.session}/${ref.item}`] : undefined;
    const title = session?.title ?? "a session no longer in the programme";
    return quote ? `${title}: “${quote}”` : title;
  };
  const counts = (kind: keyof typeof KIND_LABEL) => changes.filter((c) => c.kind === kind).length;
  return (
    <main>
      <p className="small">
        <Link href={`/events/${eventSlug}`}>← {event.name}</Link>
      </p>
      <h1>
        {versions[0].themeTitle}: {older.label} → {newer.label}
      </h1>
      <form className="row" method="get" aria-label="Choose versions">
        {(["from", "to"] as const).map((name) => (
          <label key={name}>
            {name === "from" ? "From" : "To"}
            <select name={name} defaultValue={name === "from" ? from : to}>
              {versions.map((v) => (
                <option key={v.id} value={v.milestone}>
                  Version {v.number}: {v.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit">Compare</button>
      </form>
      <p className="muted" data-testid="compare-summary">
        {counts("added")} added · {counts("removed")} removed · {counts("changed")} changed ·{" "}
        {changes.filter((c) => c.moved).length} moved · {counts("unchanged")} unchanged
      </p>
      <ol className="compare" style={{ listStyle: "none", padding: 0 }}>
        {changes.map((change) => (
          <li key={change.messageId} className={`card compare-${change.kind}`} data-testid={`change-${change.messageId}`}>
            <p className="small muted">
              <span className="badge">{KIND_LABEL[change.kind]}</span>
              {change.moved && <span className="badge">Moved</span>}
              {change.whole && <span className="badge">Too long to compare word by word: old text, then new</span>}{" "}
              {change.from && `was ${change.from.number} in “${change.from.section}”`}
              {change.from && change.to && " · "}
              {change.to && `now ${change.to.number} in “${change.to.section}”`}
            </p>
            <p lang={newerJson.language ?? "en"} dir={directionOf(newerJson.language)}>
              {change.words.map((part, i) =>
                part.change === "added" ? (
                  <ins key={i}>{part.text}</ins>
                ) : part.change === "removed" ? (
                  <del key={i}>{part.text}</del>
                ) : (
                  <span key={i}>{part.text}</span>
                ),
              )}
            </p>
            {(change.sources.added.length > 0 || change.sources.removed.length > 0) && (
              <div className="small" data-testid="source-change">
                Sources:
                <ul>
                  {change.sources.added.map((ref, i) => (
                    <li key={`a${i}`}>
                      <ins>added: {sourceName(ref, newerJson)}</ins>
                    </li>
                  ))}
                  {change.sources.removed.map((ref, i) => (
                    <li key={`r${i}`}>
                      <del>removed: {sourceName(ref, olderJson)}</del>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
    </main>
  );
}
