import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { forbidden, invalid, notFound } from "@/lib/errors";
import { reminderMail } from "@/lib/mail/messages";
import { sendMail } from "@/lib/mail/send";
import { allows, subjectFor, type Subject } from "@/lib/permissions";
import { missingParts, readReport, storedReport, sumParticipation, type ReportContent } from "./report-content";
import { SESSION_TYPES } from "./sessions";

/**
 * Session reports: each session's reporters (members the secretariat assigns,
 * or whom an invitation assigns) file one report on the template of
 * `report-content.ts`. The working copy is private to them and the
 * secretariat; every submission is kept as a revision, and the public report
 * is the newest one ("updated" once there are several).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadSession(eventId: string, sessionId: string) {
  if (!UUID.test(sessionId)) throw notFound("There is no such session in this event.");
  const session = await db().session.findFirst({
    where: { id: sessionId, eventId },
    include: {
      event: { select: { participantsWatchDrafts: true } },
      reporters: { include: { user: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!session) throw notFound("There is no such session in this event.");
  return session;
}

export type LoadedSession = Awaited<ReturnType<typeof loadSession>>;

/** The session and whether this subject may write its report (and read its draft). */
export async function reportAccess(actor: Pick<CurrentUser, "id" | "siteAdmin"> | null, eventId: string, sessionId: string) {
  const session = await loadSession(eventId, sessionId);
  const subject: Subject = await subjectFor(actor, eventId);
  const canWrite = allows("report.write", subject, {
    participantsWatchDrafts: session.event.participantsWatchDrafts,
    reporterIds: session.reporters.map((r) => r.userId),
  });
  return { session, subject, canWrite };
}

export interface RevisionView {
  number: number;
  submittedAt: string;
  submittedBy: string;
  content: ReportContent;
}

const revisionView = (r: { number: number; createdAt: Date; submittedByName: string; content: unknown }): RevisionView => ({
  number: r.number,
  submittedAt: r.createdAt.toISOString(),
  submittedBy: r.submittedByName,
  content: storedReport(r.content),
});

/** The public side of a report: the newest submission and the earlier ones, newest first; null before any. */
export async function publicReport(sessionId: string) {
  const report = await db().sessionReport.findUnique({
    where: { sessionId },
    include: { revisions: { orderBy: { number: "desc" } } },
  });
  if (!report || report.revisions.length === 0) return null;
  const [latest, ...earlier] = report.revisions.map(revisionView);
  return {
    firstSubmittedAt: report.submittedAt?.toISOString() ?? latest.submittedAt,
    updated: earlier.length > 0,
    latest,
    earlier,
  };
}

/** What the report form shows its writers: the working copy, whether it differs from the public one, and the public side. */
export async function reportForWriter(sessionId: string) {
  const report = await db().sessionReport.findUnique({ where: { sessionId } });
  const published = await publicReport(sessionId);
  return {
    draft: report ? storedReport(report.content) : null,
    savedAt: report?.updatedAt.toISOString() ?? null,
    unsubmittedChanges: report ? report.dirty : false,
    published,
  };
}

async function requireWriter(actor: CurrentUser, eventId: string, sessionId: string) {
  const access = await reportAccess(actor, eventId, sessionId);
  if (!access.canWrite) throw forbidden("Only this session's reporters and the secretariat may write its report.");
  return access.session;
}

/** Runs an upsert again once if a concurrent first save created the row meanwhile (unique sessionId). */
async function retryOnUniqueRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return write();
  }
}

/** Saves the working copy (any part may still be empty); nothing becomes public. */
export async function saveReportDraft(actor: CurrentUser, eventId: string, sessionId: string, input: unknown) {
  const session = await requireWriter(actor, eventId, sessionId);
  const content = readReport(input);
  const report = await retryOnUniqueRace(() =>
    db().sessionReport.upsert({
      where: { sessionId: session.id },
      create: { sessionId: session.id, content, dirty: true },
      update: { content, dirty: true },
    }),
  );
  return { content, savedAt: report.updatedAt.toISOString() };
}

/**
 * Submits the report: complete (every part filled in or marked "does not
 * apply" with a reason), it becomes the public report; the submissions
 * before it stay as its history.
 */
export async function submitReport(actor: CurrentUser, eventId: string, sessionId: string, input: unknown) {
  const session = await requireWriter(actor, eventId, sessionId);
  const content = readReport(input, { submit: true });
  const missing = missingParts(content);
  if (missing.length > 0) {
    throw invalid(
      `Fill in every part or mark it as not applicable, with a reason, before submitting. Still empty: ${missing.join("; ")}.`,
    );
  }
  return retryOnUniqueRace(() =>
    db().$transaction(async (tx) => {
      // One submission at a time per report: the revision numbers stay in order.
      await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"report:" + session.id}, 0))`;
      const now = new Date();
      const report = await tx.sessionReport.upsert({
        where: { sessionId: session.id },
        create: { sessionId: session.id, content, dirty: false, submittedAt: now },
        update: { content, dirty: false },
      });
      if (!report.submittedAt) await tx.sessionReport.update({ where: { id: report.id }, data: { submittedAt: now } });
      const number = (await tx.sessionReportRevision.count({ where: { reportId: report.id } })) + 1;
      await tx.sessionReportRevision.create({
        data: { reportId: report.id, number, content, submittedById: actor.id, submittedByName: actor.name, createdAt: now },
      });
      await recordAudit(tx, {
        eventId,
        actor,
        action: number === 1 ? "report.submit" : "report.update",
        target: session.title,
        details: { revision: number },
      });
      return { revision: number, submittedAt: now.toISOString(), content };
    }),
  );
}

export const reportersInput = z.object({ userIds: z.array(z.string().uuid()).max(20) }).strict();

/** Sets who files a session's report: members of the event only. */
export async function setReporters(actor: CurrentUser, eventId: string, sessionId: string, userIds: string[]) {
  const session = await loadSession(eventId, sessionId);
  const unique = [...new Set(userIds)];
  const members = await db().membership.findMany({
    where: { eventId, userId: { in: unique } },
    include: { user: { select: { id: true, name: true, archived: true } } },
  });
  const missing = unique.filter((id) => !members.some((m) => m.userId === id && !m.user.archived));
  if (missing.length > 0) throw invalid("Reporters must be members of this event; invite them first.");
  return db().$transaction(async (tx) => {
    await tx.sessionReporter.deleteMany({ where: { sessionId, userId: { notIn: unique } } });
    await tx.sessionReporter.createMany({ data: unique.map((userId) => ({ sessionId, userId })), skipDuplicates: true });
    await recordAudit(tx, {
      eventId,
      actor,
      action: "session.reporters",
      target: session.title,
      details: { reporters: members.map((m) => m.user.name) },
    });
    return members.map((m) => ({ id: m.user.id, name: m.user.name }));
  });
}

/** Sessions with no submitted report yet, with their reporters and when they were last reminded. */
export async function missingReports(eventId: string, themeId?: string) {
  return db().session.findMany({
    where: {
      eventId,
      ...(themeId ? { themeId } : {}),
      OR: [{ report: null }, { report: { submittedAt: null } }],
    },
    include: {
      // Only reporters still in the event (and not deactivated) are reminded or listed.
      reporters: {
        where: { user: { archived: false, memberships: { some: { eventId } } } },
        include: { user: { select: { id: true, name: true, email: true } } },
      },
      theme: true,
    },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }],
  });
}

export const remindInput = z.object({ sessionIds: z.array(z.string().uuid()).min(1).max(500) }).strict();

/**
 * Mails the reporters of the given sessions that their report is still
 * missing. A session whose report was submitted meanwhile, or that has no
 * reporter, is skipped and named in the answer.
 */
export async function remindReporters(
  actor: CurrentUser,
  event: { id: string; name: string; slug: string },
  sessionIds: string[],
  origin: string,
) {
  const wanted = [...new Set(sessionIds)];
  const known = await db().session.count({ where: { eventId: event.id, id: { in: wanted } } });
  if (known < wanted.length) throw invalid("sessionIds: name sessions of this event only; nobody was reminded.");
  const missing = await missingReports(event.id);
  const reminded: { sessionId: string; title: string; reporters: number }[] = [];
  const skipped: { sessionId: string; reason: string }[] = [];
  for (const sessionId of wanted) {
    const session = missing.find((s) => s.id === sessionId);
    if (!session) {
      skipped.push({ sessionId, reason: "its report is submitted" });
      continue;
    }
    const people = session.reporters.filter((r) => r.user.email);
    if (people.length === 0) {
      skipped.push({ sessionId, reason: "no reporter is assigned yet" });
      continue;
    }
    const url = new URL(`/workspace/events/${event.slug}/sessions/${session.id}/report`, origin).toString();
    for (const reporter of people) {
      await sendMail(reminderMail(reporter.user.email, reporter.user.name, event.name, session.title, url));
    }
    reminded.push({ sessionId, title: session.title, reporters: people.length });
  }
  if (reminded.length > 0) {
    await db().$transaction(async (tx) => {
      await tx.session.updateMany({ where: { id: { in: reminded.map((r) => r.sessionId) } }, data: { remindedAt: new Date() } });
      await recordAudit(tx, {
        eventId: event.id,
        actor,
        action: "report.remind",
        target: `${reminded.length} session${reminded.length === 1 ? "" : "s"}`,
        details: { sessions: reminded.map((r) => r.title) },
      });
    });
  }
  return { reminded, skipped };
}

/** Participation summed from the submitted reports, per theme and per session type. */
export async function participationTable(eventId: string) {
  const sessions = await db().session.findMany({
    where: { eventId },
    include: { theme: { select: { id: true, title: true, position: true } }, report: { include: { revisions: true } } },
  });
  const participation = (s: (typeof sessions)[number]) => {
    const revisions = s.report?.revisions ?? [];
    if (revisions.length === 0) return null;
    const latest = revisions.reduce((a, b) => (a.number > b.number ? a : b));
    return storedReport(latest.content).participation;
  };
  const themes = [...new Map(sessions.filter((s) => s.theme).map((s) => [s.theme!.id, s.theme!] as const)).values()].sort(
    (a, b) => a.position - b.position,
  );
  const groups = [...themes.map((t) => ({ key: t.id, title: t.title })), { key: null, title: "No theme" }];
  const rows = groups.flatMap((group) => {
    const ofGroup = sessions.filter((s) => (s.themeId ?? null) === group.key);
    if (ofGroup.length === 0) return [];
    return SESSION_TYPES.flatMap(({ type, label }) => {
      const ofType = ofGroup.filter((s) => s.type === type);
      if (ofType.length === 0) return [];
      return [
        {
          theme: group.title,
          themed: group.key !== null,
          type: label,
          typeCode: type,
          ...sumParticipation(ofType.map((s) => ({ participation: participation(s) }))),
        },
      ];
    });
  });
  const total = sumParticipation(sessions.map((s) => ({ participation: participation(s) })));
  return { rows, total };
}
