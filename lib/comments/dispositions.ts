/**
 * The disposition report: what became of every comment on a published
 * version, per event or per theme, as a page and as CSV. For the secretariat
 * and rapporteurs; hidden comments are included and marked.
 */
import { parseFrozen } from "@/lib/publishing/render";
import { DISPOSITION_LABEL, type Actor } from "@/lib/comments/threads";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import type { Disposition } from "@/lib/generated/prisma/enums";
import { authorizeEvent } from "@/lib/permissions";
import { writeCsv } from "@/lib/infra/csv";

export interface ReportRow {
  threadId: string;
  themeSlug: string;
  themeTitle: string;
  versionNumber: number;
  versionLabel: string;
  /** The message's number in that version, or null if it is not in it. */
  messageNumber: number | null;
  messageId: string;
  quote: string;
  author: string;
  createdAt: string;
  /** The first comment's text (empty if its author deleted it). */
  comment: string;
  replies: number;
  disposition: Disposition;
  dispositionLabel: string;
  reply: string;
  dispositionBy: string;
  resolved: boolean;
  hidden: boolean;
  /** "Comment", "Amendment" or "New message". */
  kind: string;
  kindCode: "COMMENT" | "AMENDMENT" | "NEW_MESSAGE";
  /** For an amendment: the proposed text, and the text applied to the draft (empty until applied). */
  proposedText: string;
  appliedText: string;
}

export interface DispositionReport {
  event: { slug: string; name: string; timeZone: string };
  themes: { slug: string; title: string }[];
  theme: { slug: string; title: string } | null;
  rows: ReportRow[];
}

function messageNumbers(canonicalJson: string): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const node of parseFrozen(canonicalJson).content.content ?? []) {
    if (node.type === "message" && node.attrs.messageId) numbers.set(node.attrs.messageId, numbers.size + 1);
  }
  return numbers;
}

export async function dispositionReport(actor: Actor, eventSlug: string, themeSlug?: string): Promise<DispositionReport> {
  const { event } = await authorizeEvent(actor, eventSlug, "comments.review");
  const themes = await db().theme.findMany({ where: { eventId: event.id, archived: false }, orderBy: { position: "asc" } });
  const theme = themeSlug ? themes.find((t) => t.slug === themeSlug) : undefined;
  if (themeSlug && !theme) throw notFound(`This event has no theme "${themeSlug}".`);
  const threads = await db().commentThread.findMany({
    where: {
      versionId: { not: null },
      document: { archived: false, theme: theme ? { id: theme.id } : { eventId: event.id, archived: false } },
    },
    include: {
      author: { select: { name: true } },
      comments: { orderBy: { createdAt: "asc" } },
      version: true,
      document: { select: { themeId: true } },
    },
  });
  const position = new Map(themes.map((t, i) => [t.id, i]));
  const numbersByVersion = new Map<string, Map<string, number>>();
  const rows = threads
    .filter((t) => t.comments.some((c) => !c.deletedAt))
    .map((t): ReportRow & { order: [number, number, number, number] } => {
      const version = t.version!;
      if (!numbersByVersion.has(version.id)) numbersByVersion.set(version.id, messageNumbers(version.canonicalJson));
      const messageNumber = numbersByVersion.get(version.id)!.get(t.messageId) ?? null;
      const themeRow = themes.find((x) => x.id === t.document.themeId)!;
      const [first, ...rest] = t.comments;
      return {
        threadId: t.id,
        themeSlug: themeRow.slug,
        themeTitle: themeRow.title,
        versionNumber: version.number,
        versionLabel: version.label,
        messageNumber,
        messageId: t.messageId,
        quote: t.quote,
        author: t.author.name,
        createdAt: t.createdAt.toISOString(),
        comment: first.deletedAt ? "" : first.body,
        replies: rest.filter((c) => !c.deletedAt).length,
        disposition: t.disposition,
        dispositionLabel: DISPOSITION_LABEL[t.disposition],
        reply: t.dispositionReply,
        dispositionBy: t.dispositionBy,
        resolved: t.resolved,
        hidden: t.comments.some((c) => c.hiddenAt !== null),
        kind: t.kind === "AMENDMENT" ? (t.newMessage ? "New message" : "Amendment") : "Comment",
        kindCode: t.kind === "AMENDMENT" ? (t.newMessage ? "NEW_MESSAGE" : "AMENDMENT") : "COMMENT",
        proposedText: t.proposedText ?? "",
        appliedText: t.appliedText ?? "",
        order: [position.get(t.document.themeId) ?? 0, version.number, messageNumber ?? Infinity, t.createdAt.getTime()],
      };
    })
    .sort((a, b) => {
      for (let i = 0; i < a.order.length; i++) if (a.order[i] !== b.order[i]) return a.order[i] - b.order[i];
      return 0;
    })
    .map(({ order: _order, ...row }) => row);
  return {
    event: { slug: event.slug, name: event.name, timeZone: event.timeZone },
    themes: themes.map((t) => ({ slug: t.slug, title: t.title })),
    theme: theme ? { slug: theme.slug, title: theme.title } : null,
    rows,
  };
}

const COLUMNS: [string, (row: ReportRow) => string | number | boolean | null][] = [
  ["Theme", (r) => r.themeTitle],
  ["Kind", (r) => r.kind],
  ["Version", (r) => `v${r.versionNumber} (${r.versionLabel})`],
  ["Message", (r) => r.messageNumber],
  ["Message id", (r) => r.messageId],
  ["Quoted text", (r) => r.quote],
  ["Author", (r) => r.author],
  ["Date (UTC)", (r) => r.createdAt],
  ["Comment", (r) => r.comment],
  ["Proposed text", (r) => r.proposedText],
  ["Applied text", (r) => r.appliedText],
  ["Replies", (r) => r.replies],
  ["Disposition", (r) => r.dispositionLabel],
  ["Public reply", (r) => r.reply],
  ["Disposition by", (r) => r.dispositionBy],
  ["Resolved", (r) => (r.resolved ? "yes" : "no")],
  ["Hidden", (r) => (r.hidden ? "yes" : "no")],
];

/** The report as CSV: a header row, then one row per thread; commas, quotes and line breaks quoted. */
export function reportCsv(rows: ReportRow[]): string {
  return writeCsv([COLUMNS.map(([name]) => name), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))]);
}
