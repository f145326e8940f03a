import { parseFrozen } from "@/lib/publishing/render";
import { DateTime } from "luxon";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { documentJsonToUpdate, messagePlainText, type MessageJson } from "@/lib/documents";
import { publishMilestone } from "@/lib/publishing/publish";
import {
  DEMO_CITATIONS,
  DEMO_MESSAGES_METHOD,
  DEMO_PENDING_REPORT,
  DEMO_REPORTS,
  DEMO_SESSIONS,
  DEMO_SUB_THEMES,
  demoThemes,
} from "./demo-content";
import { readReport } from "@/lib/events/report-content";
import { amendmentTextOf } from "@/lib/comments/amend";
import type { DocumentJson } from "@/lib/documents";

/** The demo document with the sources of DEMO_CITATIONS on its messages. */
function withCitations(doc: DocumentJson, sessionIds: Map<string, string>): DocumentJson {
  let number = 0;
  return {
    ...doc,
    content: (doc.content ?? []).map((node) => {
      if (node.type !== "message") return node;
      number += 1;
      const cites = DEMO_CITATIONS.filter((c) => c.message === number).map((c) =>
        c.item ? `${sessionIds.get(c.session)}/${c.item}` : sessionIds.get(c.session)!,
      );
      return cites.length > 0 ? { ...node, attrs: { ...node.attrs, sources: cites.join(" ") } } : node;
    }),
  };
}

export const DEMO_EVENT = "igf-2019";
export const DEMO_PASSWORD = "rapporteur-demo";
export const DEMO_ZONE = "Europe/Berlin";

export const DEMO_ACCOUNTS = [
  { email: "secretariat@example.org", name: "Sam Secretariat", role: "SECRETARIAT", siteAdmin: true, themes: [] },
  { email: "rapporteur1@example.org", name: "Rita Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: [] },
  { email: "rapporteur2@example.org", name: "Ravi Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: [] },
  { email: "rapporteur3@example.org", name: "Rosa Rapporteur", role: "RAPPORTEUR", siteAdmin: false, themes: ["security"] },
  { email: "participant1@example.org", name: "Pat Participant", role: "PARTICIPANT", siteAdmin: false, themes: [] },
  { email: "participant2@example.org", name: "Paz Participant", role: "PARTICIPANT", siteAdmin: false, themes: [] },
] as const;

/**
 * The demo week, placed around `now` so that it always shows a week in
 * progress, whatever the hour (Europe/Berlin): Day 3 at 08:00 on the latest
 * morning already past (this morning, or yesterday's before 08:00), Day 4 at
 * 08:00 the day after, Final that evening. Day 3 is then always published at
 * or after its time, and Day 4 always still to come.
 */
export function demoSchedule(now: Date) {
  const local = DateTime.fromJSDate(now, { zone: DEMO_ZONE });
  const day3 = (local.hour >= 8 ? local : local.minus({ days: 1 })).startOf("day");
  return {
    DAY3: day3.set({ hour: 8 }).toJSDate(),
    DAY4: day3.plus({ days: 1 }).set({ hour: 8 }).toJSDate(),
    FINAL: day3.plus({ days: 1 }).set({ hour: 18 }).toJSDate(),
  };
}

/** Seeds the IGF 2019 demo; does nothing if its event exists already. Returns whether it seeded. */
export async function seedDemo(db: Db, now = new Date()): Promise<boolean> {
  if (await db.event.findUnique({ where: { slug: DEMO_EVENT } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const schedule = demoSchedule(now);
  const seeded = await db.$transaction(async (tx) => {
    const event = await tx.event.create({
      data: {
        slug: DEMO_EVENT,
        name: "IGF 2019",
        place: "Berlin",
        timeZone: DEMO_ZONE,
        openSignup: true,
        participantsWatchDrafts: false,
        messagesMethod: DEMO_MESSAGES_METHOD,
        milestones: { create: (["DAY3", "DAY4", "FINAL"] as const).map((kind) => ({ kind, dueAt: schedule[kind] })) },
      },
    });
    const themeIds: Record<string, string> = {};
    for (const [position, theme] of demoThemes.entries()) {
      const created = await tx.theme.create({
        data: {
          eventId: event.id,
          slug: theme.slug,
          title: theme.title,
          position,
          frontMatter: theme.frontMatter,
          document: { create: { title: theme.title, state: documentJsonToUpdate(theme.doc) } },
        },
      });
      themeIds[theme.slug] = created.id;
    }
    // The security theme's programme: sub-themes and ten sessions across the four days.
    const subThemes = new Map<string, string>();
    for (const [position, sub] of DEMO_SUB_THEMES.entries()) {
      const created = await tx.subTheme.create({ data: { themeId: themeIds.security, position, ...sub } });
      subThemes.set(sub.name, created.id);
    }
    const day3 = DateTime.fromJSDate(schedule.DAY3, { zone: DEMO_ZONE }).startOf("day");
    const at = (day: number, time: string) => {
      const [hour, minute] = time.split(":").map(Number);
      return day3
        .plus({ days: day - 3 })
        .set({ hour, minute })
        .toJSDate();
    };
    const sessionIds = new Map<string, string>();
    for (const session of DEMO_SESSIONS) {
      const created = await tx.session.create({
        data: {
          eventId: event.id,
          themeId: themeIds.security,
          title: session.title,
          type: session.type,
          startsAt: at(session.day, session.start),
          endsAt: at(session.day, session.end),
          room: session.room,
          organisers: session.organisers,
          description: session.description,
          agenda: session.agenda ?? "",
          subThemeIds: session.subThemes.map((name) => subThemes.get(name)!),
        },
      });
      sessionIds.set(session.title, created.id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const user = await tx.user.upsert({
        where: { email: account.email },
        update: {},
        create: { email: account.email, name: account.name, passwordHash, siteAdmin: account.siteAdmin, emailVerifiedAt: now },
      });
      await tx.membership.create({
        data: { userId: user.id, eventId: event.id, role: account.role, themeIds: account.themes.map((slug) => themeIds[slug]) },
      });
    }
    // Session reports, filed the day after each session (before Day 3 for the ones that fed it).
    const users = new Map(
      (await tx.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } })).map((u) => [u.email, u]),
    );
    for (const report of DEMO_REPORTS) {
      const sessionId = sessionIds.get(report.session)!;
      const reporter = users.get(report.reporter)!;
      const content = readReport(report.content, { submit: true });
      const session = DEMO_SESSIONS.find((d) => d.title === report.session)!;
      const filedAt = new Date(Math.min(at(session.day, session.end).getTime() + 2 * 3600_000, now.getTime() - 2 * 3600_000));
      await tx.sessionReporter.create({ data: { sessionId, userId: reporter.id } });
      await tx.sessionReport.create({
        data: {
          sessionId,
          content,
          dirty: false,
          submittedAt: filedAt,
          revisions: {
            create: { number: 1, content, submittedById: reporter.id, submittedByName: reporter.name, createdAt: filedAt },
          },
        },
      });
    }
    // A reporter who has not filed yet: the secretariat can remind them.
    await tx.sessionReporter.create({
      data: { sessionId: sessionIds.get(DEMO_PENDING_REPORT)!, userId: users.get("participant1@example.org")!.id },
    });
    // The security draft's messages draw from some of these sessions (one from a single recommendation).
    const security = demoThemes.find((t) => t.slug === "security")!;
    await tx.document.update({
      where: { themeId: themeIds.security },
      data: { state: documentJsonToUpdate(withCitations(security.doc, sessionIds)) },
    });
    await tx.auditEvent.create({ data: { eventId: event.id, actorName: "system", action: "demo.seed", target: DEMO_EVENT } });
    const secretariat = await tx.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS[0].email } });
    return { eventId: event.id, secretariat: { id: secretariat.id, name: secretariat.name } };
  });
  // The demo week is under way: Day 3 went out at its time, and participants have commented since.
  const day3PublishedAt = schedule.DAY3;
  const { versions } = await publishMilestone(seeded.eventId, "DAY3", seeded.secretariat, day3PublishedAt, db);
  await seedComments(db, versions, day3PublishedAt, now);
  await seedAmendments(db, versions, day3PublishedAt, now);
  return true;
}

/** Participants' comments on the Day 3 versions, some already answered. Our own words. */
const DEMO_COMMENTS: {
  theme: string;
  message: number;
  /** Words of the message to quote; the whole message when absent. */
  words?: number;
  author: string;
  body: string;
  disposition?: "INCORPORATED" | "PARTLY_INCORPORATED" | "NOT_TAKEN_UP" | "OUT_OF_SCOPE";
  reply?: string;
  answer?: string;
}[] = [
  {
    theme: "data-governance",
    message: 1,
    words: 5,
    author: "participant1@example.org",
    body: "Could this say who is accountable? As written it reads as a wish rather than a commitment.",
    disposition: "PARTLY_INCORPORATED",
    reply: "The live draft now names governments and platforms; a longer list of actors found no agreement.",
    answer: "Thank you, we discussed this in the session on Tuesday afternoon.",
  },
  {
    theme: "data-governance",
    message: 2,
    author: "participant2@example.org",
    body: "Please refer to the open data principles from the main session, see https://example.org/open-data-principles",
    disposition: "INCORPORATED",
    reply: "Added to the live draft, so it will be in the Day 4 version.",
  },
  {
    theme: "digital-inclusion",
    message: 1,
    words: 4,
    author: "participant1@example.org",
    body: "Local languages deserve an explicit mention here.",
  },
  {
    theme: "digital-inclusion",
    message: 3,
    author: "participant2@example.org",
    body: "This point is about network security rather than inclusion.",
    disposition: "OUT_OF_SCOPE",
    reply: "Passed on to the rapporteurs of the security theme.",
  },
];

/**
 * Seeds the comments between Day 3's publication and the seeding instant: each
 * thread at its own time, a rapporteur's answer and the disposition later.
 */
async function seedComments(
  db: Db,
  versions: { documentId: string; versionId: string }[],
  publishedAt: Date,
  now: Date,
): Promise<void> {
  const span = now.getTime() - publishedAt.getTime();
  const slot = span / (DEMO_COMMENTS.length + 1);
  const rapporteur = await db.user.findUniqueOrThrow({ where: { email: "rapporteur1@example.org" } });
  for (const [i, demo] of DEMO_COMMENTS.entries()) {
    const theme = await db.theme.findFirstOrThrow({
      where: { slug: demo.theme, event: { slug: DEMO_EVENT } },
      include: { document: true },
    });
    const version = await db.version.findUniqueOrThrow({
      where: { id: versions.find((v) => v.documentId === theme.document!.id)!.versionId },
    });
    const messages = (parseFrozen(version.canonicalJson).content.content ?? []).filter(
      (n): n is MessageJson => n.type === "message",
    );
    const message = messages[demo.message - 1];
    const text = messagePlainText(message);
    const end = demo.words ? text.split(" ").slice(0, demo.words).join(" ").length : undefined;
    const author = await db.user.findUniqueOrThrow({ where: { email: demo.author } });
    const at = new Date(publishedAt.getTime() + (i + 0.5) * slot);
    const answeredAt = new Date(at.getTime() + slot / 4);
    const disposedAt = new Date(at.getTime() + slot / 2);
    await db.$transaction(async (tx) => {
      const thread = await tx.commentThread.create({
        data: {
          documentId: version.documentId,
          versionId: version.id,
          messageId: message.attrs.messageId,
          startOffset: end === undefined ? null : 0,
          endOffset: end ?? null,
          quote: text.slice(0, end),
          authorId: author.id,
          createdAt: at,
          disposition: demo.disposition ?? "PENDING",
          dispositionReply: demo.reply ?? "",
          dispositionBy: demo.disposition ? rapporteur.name : "",
          dispositionAt: demo.disposition ? disposedAt : null,
          comments: {
            create: [
              { authorId: author.id, body: demo.body, createdAt: at },
              ...(demo.answer ? [{ authorId: rapporteur.id, body: demo.answer, createdAt: answeredAt }] : []),
            ],
          },
        },
      });
      await recordAudit(tx, {
        eventId: theme.eventId,
        actor: { id: author.id, name: author.name },
        action: "comment.thread.start",
        target: thread.id,
        details: { demo: true },
      });
    });
  }
}

/** Two participants' amendments on the security theme's Day 3 version, waiting for the rapporteurs. Our own words. */
const DEMO_AMENDMENTS = [
  {
    message: 4,
    author: "participant2@example.org",
    newMessage: false,
    reason: "Warnings only help if people can act on them the same day.",
    edit: (text: string) => text.replace("shared warning systems", "shared, fast warning systems"),
  },
  {
    message: 8,
    author: "participant1@example.org",
    newMessage: true,
    reason: "Nothing in this section speaks about people with disabilities.",
    edit: () => "Security tools and advice should be accessible to persons with disabilities, in formats they can use.",
  },
];

async function seedAmendments(db: Db, versions: { documentId: string; versionId: string }[], publishedAt: Date, now: Date) {
  const theme = await db.theme.findFirstOrThrow({
    where: { slug: "security", event: { slug: DEMO_EVENT } },
    include: { document: true },
  });
  const version = await db.version.findUniqueOrThrow({
    where: { id: versions.find((v) => v.documentId === theme.document!.id)!.versionId },
  });
  const messages = (parseFrozen(version.canonicalJson).content.content ?? []).filter(
    (n): n is MessageJson => n.type === "message",
  );
  for (const [i, demo] of DEMO_AMENDMENTS.entries()) {
    const message = messages[demo.message - 1];
    const quote = amendmentTextOf(message);
    const author = await db.user.findUniqueOrThrow({ where: { email: demo.author } });
    const at = new Date(
      publishedAt.getTime() + ((i + 1) / (DEMO_AMENDMENTS.length + 1)) * (now.getTime() - publishedAt.getTime()),
    );
    await db.$transaction(async (tx) => {
      const thread = await tx.commentThread.create({
        data: {
          kind: "AMENDMENT",
          documentId: version.documentId,
          versionId: version.id,
          messageId: message.attrs.messageId,
          quote,
          proposedText: demo.edit(quote),
          newMessage: demo.newMessage,
          authorId: author.id,
          createdAt: at,
          comments: { create: { authorId: author.id, body: demo.reason, createdAt: at } },
        },
      });
      await recordAudit(tx, {
        eventId: theme.eventId,
        actor: { id: author.id, name: author.name },
        action: "amendment.propose",
        target: thread.id,
        details: { demo: true },
      });
    });
  }
}
