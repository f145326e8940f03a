import { writeCsv, type CsvCell } from "@/lib/infra/csv";
import { db } from "@/lib/db";
import { messagePlainText, parseSources, yDocToDocumentJson } from "@/lib/documents";
import { loadDraft } from "@/lib/drafts/store";
import { themeSources } from "@/lib/sources/catalogue";
import { missingReports } from "./reports";
import { instantToLocal } from "./schedule";
import { sessionTypeLabel } from "./sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";

/**
 * Coverage of a theme's live draft, for the secretariat and the rapporteurs:
 * the sessions no message cites, the messages that cite nothing, and the
 * sessions whose report is still missing.
 */

export interface ThemeCoverage {
  theme: { id: string; slug: string; title: string; documentId: string | null };
  sessions: number;
  uncitedSessions: { id: string; title: string; type: string; typeCode: SessionType; start: string }[];
  uncitedMessages: { messageId: string; number: number; text: string }[];
  missingReports: { id: string; title: string; type: string; start: string; reporters: string[]; remindedAt: string | null }[];
}

const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 157).trimEnd()}…` : text);

export async function themeCoverage(
  event: { id: string; slug: string; timeZone: string },
  themeId: string,
): Promise<ThemeCoverage> {
  const theme = await db().theme.findFirstOrThrow({ where: { id: themeId, eventId: event.id }, include: { document: true } });
  const { entries, catalog } = await themeSources(event.slug, theme.id);
  const cited = new Set<string>();
  const uncitedMessages: ThemeCoverage["uncitedMessages"] = [];
  if (theme.document) {
    const ydoc = await loadDraft(theme.document.id);
    try {
      const doc = yDocToDocumentJson(ydoc, { sources: catalog });
      let number = 0;
      for (const node of doc.content ?? []) {
        if (node.type !== "message") continue;
        number += 1;
        const refs = parseSources(node.attrs.sources);
        for (const ref of refs) cited.add(ref.session);
        if (refs.length === 0)
          uncitedMessages.push({ messageId: node.attrs.messageId, number, text: excerpt(messagePlainText(node)) });
      }
    } finally {
      ydoc.destroy();
    }
  }
  const start = (at: Date | string) => instantToLocal(new Date(at), event.timeZone);
  const missing = await missingReports(event.id, theme.id);
  return {
    theme: { id: theme.id, slug: theme.slug, title: theme.title, documentId: theme.document?.id ?? null },
    sessions: entries.length,
    uncitedSessions: entries
      .map((e) => e.session)
      .filter((s) => !cited.has(s.id))
      .map((s) => ({ id: s.id, title: s.title, type: sessionTypeLabel(s.type), typeCode: s.type, start: start(s.startsAt) })),
    uncitedMessages,
    missingReports: missing.map((s) => ({
      id: s.id,
      title: s.title,
      type: sessionTypeLabel(s.type),
      start: start(s.startsAt),
      reporters: s.reporters.map((r) => r.user.name),
      remindedAt: s.remindedAt?.toISOString() ?? null,
    })),
  };
}

/** Every live theme of the event, in order. */
export async function eventCoverage(event: { id: string; slug: string; timeZone: string }) {
  const themes = await db().theme.findMany({ where: { eventId: event.id, archived: false }, orderBy: { position: "asc" } });
  const out: ThemeCoverage[] = [];
  for (const theme of themes) out.push(await themeCoverage(event, theme.id));
  return out;
}

/** The coverage as CSV: one row per finding (theme, what, id, number, title or text, type, start). */
export function coverageCsv(coverage: ThemeCoverage[]): string {
  const rows: CsvCell[][] = [["theme", "finding", "id", "message_number", "title_or_text", "type", "start"]];
  for (const c of coverage) {
    for (const s of c.uncitedSessions) rows.push([c.theme.slug, "session not cited", s.id, "", s.title, s.type, s.start]);
    for (const m of c.uncitedMessages) rows.push([c.theme.slug, "message cites nothing", m.messageId, m.number, m.text, "", ""]);
    for (const s of c.missingReports) rows.push([c.theme.slug, "report missing", s.id, "", s.title, s.type, s.start]);
  }
  return writeCsv(rows);
}
