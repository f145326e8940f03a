import * as Y from "yjs";
import { recordAudit } from "@/lib/audit";
import { notifyControl } from "@/lib/collab/control";
import { db, type Db, type Tx } from "@/lib/db";
import { yDocToDocumentJson } from "@/lib/documents";
import { lockDocument } from "@/lib/drafts/compact";
import { readStoredDraft } from "@/lib/drafts/store";
import { conflict, notFound } from "@/lib/errors";
import { freezeFrontMatter, readFrontMatter } from "@/lib/events/front-matter";
import { MILESTONES, milestoneLabel, milestoneSlug } from "@/lib/events/schedule";
import type { MilestoneKind } from "@/lib/generated/prisma/enums";
import { configuredOrigins } from "@/lib/http/origin";
import { SET_LABEL, VERSION_LABEL } from "./labels";
import { themeSources } from "@/lib/sources/catalogue";
import { freezeSources } from "@/lib/sources/freeze";
import { canonicalJson, renderHtml, renderMarkdown, sha256Hex } from "./render";

export { VERSION_LABEL } from "./labels";

/** One transaction-level lock per event: two processes never publish it at once. */
async function lockEventPublication(tx: Tx, eventId: string): Promise<void> {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"publish:" + eventId}, 0))`;
}

export interface PublishResult {
  /** False when the milestone was already published (by someone else, or earlier). */
  published: boolean;
  versions: { documentId: string; versionId: string; number: number; sha256: string }[];
  /** SHA-256 of the set's manifest (null when nothing was published). */
  setSha256: string | null;
}

/**
 * Publishes a milestone: freezes every theme document of the event into a
 * version, in one transaction, exactly once (advisory lock + unique
 * constraint), in order (Day 4 not before Day 3). Final also locks every
 * document in the same transaction; open editors hear it through NOTIFY.
 */
export async function publishMilestone(
  eventId: string,
  kind: MilestoneKind,
  publisher: { id: string; name: string } | null,
  now: Date = new Date(),
  client: Db = db(),
): Promise<PublishResult> {
  return client.$transaction(
    async (tx) => {
      await lockEventPublication(tx, eventId);
      const event = await tx.event.findUnique({ where: { id: eventId } });
      if (!event || event.archived) throw notFound("There is no such event.");
      const milestones = await tx.milestone.findMany({ where: { eventId } });
      const milestone = milestones.find((m) => m.kind === kind)!;
      if (milestone.publishedAt) return { published: false, versions: [], setSha256: null };
      const earlier = MILESTONES.slice(
        0,
        MILESTONES.findIndex((m) => m.kind === kind),
      ).map((m) => m.kind);
      const missing = earlier.find((k) => !milestones.find((m) => m.kind === k)?.publishedAt);
      if (missing) throw conflict(`${milestoneLabel(missing)} must be published before ${milestoneLabel(kind)}.`);

      const documents = await tx.document.findMany({
        where: { archived: false, theme: { eventId, archived: false } },
        include: { theme: true },
        orderBy: { theme: { position: "asc" } },
      });
      const versions: PublishResult["versions"] = [];
      const manifestThemes: { theme: string; title: string; version: number; versionId: string; sha256: string }[] = [];
      for (const document of documents) {
        // Shared with compaction: the freeze never sees a half-merged log.
        await lockDocument(tx, document.id);
        // Before reading the log: an update-log insert now waits for this transaction (the lock trigger
        // reads the row FOR KEY SHARE), so it is either read below or refused once the row says locked.
        await tx.$queryRaw`select id from "Document" where id = ${document.id}::uuid for update`;
        const { doc: ydoc } = await readStoredDraft(document.id, tx);
        // Sources are kept only where they name the theme's sessions and their reports' items.
        const { entries, catalog } = await themeSources(event.slug, document.themeId, tx);
        const content = yDocToDocumentJson(ydoc, { sources: catalog });
        const sources = freezeSources(entries, content);
        const number = (await tx.version.count({ where: { documentId: document.id } })) + 1;
        const label = VERSION_LABEL[kind];
        const canonical = canonicalJson({
          event: event.slug,
          theme: document.theme.slug,
          title: document.title,
          milestone: milestoneSlug(kind),
          version: number,
          label,
          publishedAt: now.toISOString(),
          frontMatter: freezeFrontMatter(readFrontMatter(document.theme.frontMatter)),
          language: document.theme.language,
          content,
          sessions: sources.sessions,
          quotes: sources.quotes,
        });
        const extras = { sources, origin: configuredOrigins()[0] ?? null, language: document.theme.language };
        const version = await tx.version.create({
          data: {
            documentId: document.id,
            milestoneId: milestone.id,
            number,
            label,
            state: Y.encodeStateAsUpdate(ydoc) as Uint8Array<ArrayBuffer>,
            canonicalJson: canonical,
            html: renderHtml(content, extras),
            markdown: renderMarkdown(content, extras),
            sha256: sha256Hex(canonical),
            publisherId: publisher?.id ?? null,
            publisherName: publisher?.name ?? "schedule",
            createdAt: now,
          },
        });
        ydoc.destroy();
        versions.push({ documentId: document.id, versionId: version.id, number, sha256: version.sha256 });
        manifestThemes.push({
          theme: document.theme.slug,
          title: document.title,
          version: number,
          versionId: version.id,
          sha256: version.sha256,
        });
        if (kind === "FINAL") {
          await tx.document.update({ where: { id: document.id }, data: { locked: true } });
          await notifyControl(tx, { kind: "document", documentId: document.id });
          await recordAudit(tx, { eventId, actor: publisher, action: "document.lock", target: document.title });
        }
      }
      // The set: every theme's version of this milestone, in theme order, named by its hashes.
      const manifest = canonicalJson({
        event: { slug: event.slug, name: event.name, place: event.place },
        milestone: milestoneSlug(kind),
        label: SET_LABEL[kind],
        publishedAt: now.toISOString(),
        method: event.messagesMethod,
        themes: manifestThemes,
      });
      const setSha256 = sha256Hex(manifest);
      await tx.milestone.update({
        where: { id: milestone.id },
        data: { publishedAt: now, publishedDueAt: milestone.dueAt, setManifest: manifest, setSha256 },
      });
      await recordAudit(tx, {
        eventId,
        actor: publisher,
        action: "milestone.publish",
        target: milestoneLabel(kind),
        details: { dueAt: milestone.dueAt.toISOString(), publishedAt: now.toISOString(), versions: versions.length },
      });
      await notifyControl(tx, { kind: "event", eventId });
      return { published: true, versions, setSha256 };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
