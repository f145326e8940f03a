import { WordDiff } from "@/components/WordDiff";
import type { SourceRef } from "@/lib/documents";
import { directionOf } from "@/lib/events/languages";
import type { FrozenVersionJson } from "@/lib/publishing/render";
import Link from "next/link";
import { notFound } from "next/navigation";
import { comparisonOf } from "@/lib/publishing/comparison";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

/** Two versions of a theme, message by message: ?from=day-3&to=day-4 (default: the last two). */
export default async function ComparePage(props: {
  params: Promise<{ event: string; theme: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const { event: eventSlug, theme } = await props.params;
  const query = await props.searchParams;
  const comparison = await comparisonOf(eventSlug, theme, { from: query.from, to: query.to });
  if (!comparison) notFound();
  const { event, versions, from, to, older, newer, olderJson, newerJson, changes } = comparison;
  const t = await getTranslations("compare");
  const sourceName = (ref: SourceRef, frozen: FrozenVersionJson) => {
    const session = frozen.sessions?.find((s) => s.id === ref.session);
    const quote = ref.item ? frozen.quotes?.[`${ref.session}/${ref.item}`] : undefined;
    const title = session?.title ?? t("goneSession");
    return quote ? t("quoted", { title, quote }) : title;
  };
  const counts = (kind: "added" | "removed" | "changed" | "unchanged") => changes.filter((c) => c.kind === kind).length;
  return (
    <main>
      <p className="small">
        <Link href={`/events/${eventSlug}`}>← {event.name}</Link>
      </p>
      <h1>
        {versions[0].themeTitle}: {older.label} → {newer.label}
      </h1>
      <form className="row" method="get" aria-label={t("choose")}>
        {(["from", "to"] as const).map((name) => (
          <label key={name}>
            {t(name)}
            <select name={name} defaultValue={name === "from" ? from : to}>
              {versions.map((v) => (
                <option key={v.id} value={v.milestone}>
                  {t("versionLabel", { number: v.number, label: v.label })}
                </option>
              ))}
            </select>
          </label>
        ))}
        <button type="submit">{t("submit")}</button>
      </form>
      <p>
        <a
          href={`/api/public/events/${eventSlug}/compare/${theme}/redline?${new URLSearchParams({ from, to }).toString()}`}
          download
          data-testid="redline-download"
        >
          {t("redline")}
        </a>
      </p>
      <p className="muted" data-testid="compare-summary">
        {t("summary", {
          added: counts("added"),
          removed: counts("removed"),
          changed: counts("changed"),
          moved: changes.filter((c) => c.moved).length,
          unchanged: counts("unchanged"),
        })}
      </p>
      <ol className="compare" style={{ listStyle: "none", padding: 0 }}>
        {changes.map((change) => (
          <li key={change.messageId} className={`card compare-${change.kind}`} data-testid={`change-${change.messageId}`}>
            <p className="small muted">
              <span className="badge">{t("kind", { kind: change.kind })}</span>
              {change.moved && <span className="badge">{t("moved")}</span>}
              {change.whole && <span className="badge">{t("whole")}</span>}{" "}
              {change.from && t("was", { number: change.from.number, section: change.from.section })}
              {change.from && change.to && " · "}
              {change.to && t("now", { number: change.to.number, section: change.to.section })}
            </p>
            <p lang={newerJson.language ?? "en"} dir={directionOf(newerJson.language)}>
              <WordDiff parts={change.words} />
            </p>
            {(change.sources.added.length > 0 || change.sources.removed.length > 0) && (
              <div className="small" data-testid="source-change">
                {t("sources")}
                <ul>
                  {change.sources.added.map((ref, i) => (
                    <li key={`a${i}`}>
                      <ins>{t("sourceAdded", { source: sourceName(ref, newerJson) })}</ins>
                    </li>
                  ))}
                  {change.sources.removed.map((ref, i) => (
                    <li key={`r${i}`}>
                      <del>{t("sourceRemoved", { source: sourceName(ref, olderJson) })}</del>
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
