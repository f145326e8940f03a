import { parseSources, type DocumentJson } from "@/lib/documents";
import type { themeSources } from "./catalogue";
import type { FrozenSources } from "./frozen";

/** What a version freezes: the annex, and the quoted items its (already sanitised) content cites. */
export function freezeSources(
  entries: Awaited<ReturnType<typeof themeSources>>["entries"],
  content: DocumentJson,
): FrozenSources {
  const quotes: Record<string, string> = {};
  for (const node of content.content ?? []) {
    if (node.type !== "message") continue;
    for (const ref of parseSources(node.attrs.sources)) {
      if (!ref.item) continue;
      const text = entries.find((e) => e.session.id === ref.session)?.items.find((i) => i.id === ref.item)?.text;
      if (text !== undefined) quotes[`${ref.session}/${ref.item}`] = text;
    }
  }
  return { sessions: entries.map((e) => e.session), quotes };
}
