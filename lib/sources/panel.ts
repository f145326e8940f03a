import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { allows, documentAccess, subjectFor } from "@/lib/permissions";
import { sessionPage } from "./catalogue";
import { storedReport } from "@/lib/events/report-content";
import { instantToLocal } from "@/lib/events/schedule";
import { sessionTypeLabel } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";

/** What the Sources panel beside a live draft lists: the theme's sessions and their submitted reports. */
export interface SourcePanelData {
  theme: { id: string; title: string };
  subThemes: { id: string; name: string }[];
  sessions: {
    id: string;
    title: string;
    type: string;
    typeCode: SessionType;
    start: string;
    subThemeIds: string[];
    page: string;
    report: null | {
      /** When the newest submission was made. */
      at: string;
      updated: boolean;
      summary: string;
      items: { id: string; text: string }[];
    };
  }[];
}

export async function sourcePanel(actor: CurrentUser, documentId: string): Promise<SourcePanelData> {
  const access = await documentAccess(actor, documentId);
  if (access.mode === "none") throw notFound(access.reason);
  const subject = await subjectFor(actor, access.eventId);
  const document = await db().document.findUniqueOrThrow({
    where: { id: documentId },
    include: { theme: { include: { event: true, subThemes: { orderBy: { position: "asc" } } } } },
  });
  const event = document.theme.event;
  if (!allows("sources.read", subject, { participantsWatchDrafts: event.participantsWatchDrafts })) {
    throw forbidden("The Sources panel is for rapporteurs and the secretariat.");
  }
  const sessions = await db().session.findMany({
    where: { themeId: document.themeId },
    include: { report: { include: { revisions: { orderBy: { number: "desc" } } } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
  return {
    theme: { id: document.theme.id, title: document.theme.title },
    subThemes: document.theme.subThemes.map((s) => ({ id: s.id, name: s.name })),
    sessions: sessions.map((s) => {
      const revisions = s.report?.revisions ?? [];
      const latest = revisions[0];
      const content = latest ? storedReport(latest.content) : null;
      return {
        id: s.id,
        title: s.title,
        type: sessionTypeLabel(s.type),
        typeCode: s.type,
        start: instantToLocal(s.startsAt, event.timeZone),
        subThemeIds: s.subThemeIds,
        page: sessionPage(event.slug, s.id),
        report:
          latest && content
            ? {
                at: latest.createdAt.toISOString(),
                updated: revisions.length > 1,
                summary: content.summary.notApplicable ? "" : content.summary.text.slice(0, 600),
                items: content.recommendations.notApplicable ? [] : content.recommendations.items,
              }
            : null,
      };
    }),
  };
}
