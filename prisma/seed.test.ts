import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { cloneTemplateDatabase } from "@/lib/testing/databases";
import { signInWithPassword } from "@/lib/auth/signin";
import { db } from "@/lib/db";
import { documentOutline } from "@/lib/documents";
import { loadDraftJson } from "@/lib/drafts/store";
import { frozenMessageText } from "@/lib/comments/threads";
import { DEMO_ACCOUNTS, DEMO_EVENT, DEMO_PASSWORD, demoSchedule, seedDemo } from "@/prisma/seed";
import { REPORT_PARTS, missingParts, notApplicableReason, storedReport } from "@/lib/events/report-content";
import { parseFrozen } from "@/lib/publishing/render";

describe("the IGF 2019 demo", () => {
  it("seeds the event, its three themes and the demo accounts, once", async () => {
    const now = new Date("2026-11-22T10:00:00Z");
    expect(await seedDemo(db(), now)).toBe(true);
    expect(await seedDemo(db(), now)).toBe(false);

    const event = await db().event.findUniqueOrThrow({
      where: { slug: DEMO_EVENT },
      include: {
        themes: { include: { document: true }, orderBy: { position: "asc" } },
        milestones: true,
        memberships: { include: { user: true } },
      },
    });
    expect(event.timeZone).toBe("Europe/Berlin");
    expect(event.themes.map((t) => t.title)).toEqual([
      "Data governance",
      "Digital inclusion",
      "Security, safety, stability and resilience",
    ]);
    // The security theme's programme: six sub-themes, ten sessions from Day 1 to Day 4 (Day 3 is the seeding day).
    const securityTheme = event.themes[2];
    expect(await db().subTheme.count({ where: { themeId: securityTheme.id } })).toBe(6);
    const sessions = await db().session.findMany({ where: { eventId: event.id }, orderBy: { startsAt: "asc" } });
    expect(sessions).toHaveLength(10);
    expect(sessions[0].type).toBe("INTRODUCTORY");
    expect(sessions[0].agenda).toContain("1. Welcome");
    expect(sessions[0].startsAt.toISOString()).toBe("2026-11-20T09:00:00.000Z");
    expect(sessions.at(-1)!.type).toBe("CONCLUDING");
    expect(sessions.every((s) => s.themeId === securityTheme.id && s.subThemeIds.length > 0)).toBe(true);
    expect(event.memberships).toHaveLength(DEMO_ACCOUNTS.length);
    // Day 3 is already published at seeding: one version per theme.
    const day3 = event.milestones.find((m) => m.kind === "DAY3")!;
    expect(day3.publishedAt).not.toBeNull();
    expect(await db().version.count({ where: { milestoneId: day3.id } })).toBe(3);

    const security = event.themes.find((t) => t.slug === "security")!;
    const outline = documentOutline(await loadDraftJson(security.document!.id));
    expect(outline.sections.map((s) => s.title)).toEqual([
      "Safety and Security Online",
      "Security and Resilience of the Infrastructure",
      "Policy and Cooperation",
      "Capacity Building",
    ]);
    expect(outline.sections.flatMap((s) => s.messages).length).toBeGreaterThanOrEqual(24);

    // Reports: the introductory session's in full (two parts do not apply), and four of the others.
    const reports = await db().sessionReport.findMany({
      where: { session: { eventId: event.id } },
      include: { revisions: true, session: true },
    });
    expect(reports).toHaveLength(5);
    expect(reports.every((r) => r.submittedAt && r.revisions.length === 1)).toBe(true);
    const intro = storedReport(reports.find((r) => r.session.type === "INTRODUCTORY")!.revisions[0].content);
    expect(missingParts(intro)).toEqual([]);
    expect(REPORT_PARTS.filter((p) => notApplicableReason(intro, p.key) !== null).map((p) => p.number)).toEqual([3, 5]);
    expect(intro.participation).toEqual({ onSite: 120, women: 50, online: 35, notApplicable: null });
    // The Day 3 version of the security theme cites five sessions, one of them by a single recommendation.
    const frozen = parseFrozen(
      (await db().version.findFirstOrThrow({ where: { documentId: security.document!.id, milestoneId: day3.id } })).canonicalJson,
    );
    const cited = (frozen.content.content ?? []).flatMap((n) =>
      n.type === "message" && n.attrs.sources ? [n.attrs.sources] : [],
    );
    expect(cited).toHaveLength(5);
    expect(Object.values(frozen.quotes ?? {})).toEqual(["Do not require deliberate weaknesses in encryption."]);
    expect(frozen.sessions).toHaveLength(10);

    const rapporteur3 = event.memberships.find((m) => m.user.email === "rapporteur3@example.org")!;
    expect(rapporteur3.themeIds).toEqual([security.id]);
    const secretariat = event.memberships.find((m) => m.user.email === "secretariat@example.org")!;
    expect(secretariat.role).toBe("SECRETARIAT");
    expect(secretariat.user.siteAdmin).toBe(true);
  });

  it("places the week around the first start: Day 3 this morning, Day 4 tomorrow 08:00, Final tomorrow evening (Berlin)", () => {
    const schedule = demoSchedule(new Date("2026-11-22T10:00:00Z"));
    expect(schedule.DAY3.toISOString()).toBe("2026-11-22T07:00:00.000Z");
    expect(schedule.DAY4.toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(schedule.FINAL.toISOString()).toBe("2026-11-23T17:00:00.000Z");
  });

  it("started between midnight and 08:00 in Berlin, Day 3 was yesterday morning and Day 4 is still to come at 08:00", () => {
    for (const startedAt of ["2026-11-21T23:30:00Z", "2026-11-22T04:00:00Z", "2026-11-22T06:59:00Z"]) {
      const schedule = demoSchedule(new Date(startedAt));
      expect(schedule.DAY3.toISOString(), startedAt).toBe("2026-11-21T07:00:00.000Z");
      expect(schedule.DAY4.toISOString(), startedAt).toBe("2026-11-22T07:00:00.000Z");
      expect(schedule.DAY4.getTime()).toBeGreaterThan(new Date(startedAt).getTime());
    }
  });

  it("lets every demo account sign in with the demo password", async () => {
    await seedDemo(db());
    for (const account of DEMO_ACCOUNTS) {
      await expect(signInWithPassword(account.email, DEMO_PASSWORD, "seed-test")).resolves.toMatchObject({
        email: account.email,
      });
    }
  });

  it("gives the Day 3 versions a few participants' comments, some with dispositions", async () => {
    await seedDemo(db(), new Date("2026-11-22T10:00:00Z"));
    const threads = await db().commentThread.findMany({
      where: { kind: "COMMENT", document: { theme: { event: { slug: DEMO_EVENT } } } },
      include: { comments: { include: { author: true } }, version: true, author: true },
      orderBy: { createdAt: "asc" },
    });
    expect(threads).toHaveLength(4);
    // And two amendments on the security theme, waiting: new wording and a new message.
    const amendments = await db().commentThread.findMany({
      where: { kind: "AMENDMENT", document: { theme: { event: { slug: DEMO_EVENT } } } },
      orderBy: { createdAt: "asc" },
    });
    expect(amendments.map((a) => [a.newMessage, a.disposition])).toEqual([
      [false, "PENDING"],
      [true, "PENDING"],
    ]);
    expect(amendments[0].proposedText).toContain("shared, fast warning systems");
    expect(amendments[0].proposedText).not.toBe(amendments[0].quote);
    expect(threads.every((t) => t.version?.label === "Day 3 draft")).toBe(true);
    expect(threads.map((t) => t.author.email)).toEqual([
      "participant1@example.org",
      "participant2@example.org",
      "participant1@example.org",
      "participant2@example.org",
    ]);
    expect(threads.map((t) => t.disposition)).toEqual(["PARTLY_INCORPORATED", "INCORPORATED", "PENDING", "OUT_OF_SCOPE"]);
    // Quotes are the frozen words at the stored offsets.
    for (const thread of threads) {
      const text = frozenMessageText(thread.version!.canonicalJson, thread.messageId)!;
      expect(thread.quote).toBe(thread.startOffset === null ? text : text.slice(thread.startOffset, thread.endOffset!));
      expect(thread.quote.length).toBeGreaterThan(0);
    }
    expect(threads[0].comments.map((c) => c.author.email)).toEqual(["participant1@example.org", "rapporteur1@example.org"]);
  });

  // Seeded at 11:00 in Berlin, and at 05:00 (before Day 3's due time of 08:00).
  for (const seededAt of ["2026-11-22T10:00:00Z", "2026-11-22T04:00:00Z"]) {
    it(`dates every comment, answer and disposition between Day 3's publication and the seeding (seeded ${seededAt})`, async () => {
      const database = await cloneTemplateDatabase();
      const client = createDb(database.url);
      try {
        const now = new Date(seededAt);
        await seedDemo(client, now);
        const day3 = await client.milestone.findFirstOrThrow({ where: { kind: "DAY3", event: { slug: DEMO_EVENT } } });
        const publishedAt = day3.publishedAt!.getTime();
        expect(publishedAt).toBeLessThan(now.getTime());
        // Published at its time, never before it.
        expect(publishedAt).toBeGreaterThanOrEqual(day3.dueAt.getTime());
        // The method published with it describes the week, and claims no Final that has not happened.
        const event = await client.event.findUniqueOrThrow({ where: { slug: DEMO_EVENT } });
        expect(event.messagesMethod).not.toMatch(/final set was published|was published/i);
        const versions = await client.version.findMany();
        expect(versions.map((v) => v.createdAt.getTime())).toEqual(versions.map(() => publishedAt));
        const threads = await client.commentThread.findMany({ include: { comments: true } });
        const dates = threads.flatMap((t) => [
          t.createdAt,
          ...(t.dispositionAt ? [t.dispositionAt] : []),
          ...t.comments.map((c) => c.createdAt),
        ]);
        expect(dates.length).toBeGreaterThan(threads.length + 1);
        for (const date of dates) {
          expect(date.getTime()).toBeGreaterThan(publishedAt);
          expect(date.getTime()).toBeLessThanOrEqual(now.getTime());
        }
        // Answers and dispositions come after the comment they answer.
        for (const thread of threads) {
          for (const comment of thread.comments)
            expect(comment.createdAt.getTime()).toBeGreaterThanOrEqual(thread.createdAt.getTime());
          if (thread.dispositionAt) expect(thread.dispositionAt.getTime()).toBeGreaterThan(thread.createdAt.getTime());
        }
        // Nothing claims a version that does not exist yet.
        const texts = threads.flatMap((t) => [t.dispositionReply, ...t.comments.map((c) => c.body)]);
        expect(
          texts.filter((text) => /(in|to) the (Day 4|final) (draft|version)\b(?! version)/i.test(text) && !/will be/i.test(text)),
        ).toEqual([]);
      } finally {
        await client.$disconnect();
        await database.drop();
      }
    });
  }
});
