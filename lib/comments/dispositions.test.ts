import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { dispositionReport, reportCsv, type ReportRow } from "@/lib/comments/dispositions";
import { neutralise } from "@/lib/infra/csv";
import { markThemeSeen, unreadCounts } from "@/lib/comments/seen";
import {
  deleteComment,
  replyToThread,
  setCommentHidden,
  setDisposition,
  startDraftThread,
  startVersionThread,
} from "@/lib/comments/threads";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";

type Role = "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT";

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Data", "Inclusion"] });
  const person = async (name: string, role: Role | null, themeIds: string[] = []) => {
    const user = await makeUser(db(), { name });
    if (role) await addMember(db(), user.id, event.id, role, themeIds);
    return { id: user.id, name: user.name, siteAdmin: false };
  };
  return {
    event,
    secretariat: await person("Sami Secretariat", "SECRETARIAT"),
    rapporteur: await person("Rita Rapporteur", "RAPPORTEUR", [event.themes[0].id]),
    otherRapporteur: await person("Ola Rapporteur", "RAPPORTEUR", [event.themes[1].id]),
    pat: await person("Pat Participant", "PARTICIPANT"),
    paz: await person("Paz Participant", "PARTICIPANT"),
    outsider: await person("Otto Outsider", null),
  };
}

const versionOf = (versions: { documentId: string; versionId: string }[], documentId: string) =>
  versions.find((v) => v.documentId === documentId)!.versionId;

describe("the disposition report", () => {
  it("lists every version thread by theme, version and message, with hidden ones marked and deleted ones left out", async () => {
    const s = await setUp();
    const [data, inclusion] = s.event.themes.map((t) => t.document!.id);
    const day3 = (await publishMilestone(s.event.id, "DAY3", null)).versions;
    const onData = await startVersionThread(s.pat, versionOf(day3, data), {
      messageId: "m-1",
      start: 0,
      end: 5,
      body: "Too vague",
    });
    await replyToThread(s.rapporteur, onData.id, { body: "We will look at it" });
    await setDisposition(s.rapporteur, onData.id, { disposition: "PARTLY_INCORPORATED", reply: "Made clearer." });
    const onInclusion = await startVersionThread(s.paz, versionOf(day3, inclusion), { messageId: "m-1", body: "Abusive words" });
    const [abusive] = await db().comment.findMany({ where: { threadId: onInclusion.id } });
    await setCommentHidden(s.secretariat, abusive.id, { hidden: true });
    const deleted = await startVersionThread(s.paz, versionOf(day3, data), { messageId: "m-1", body: "Never mind" });
    await deleteComment(s.paz, (await db().comment.findFirstOrThrow({ where: { threadId: deleted.id } })).id);
    await startDraftThread(s.rapporteur, data, { messageId: "m-1", body: "A note on the draft, not in the report" });
    const day4 = (await publishMilestone(s.event.id, "DAY4", null)).versions;
    await startVersionThread(s.pat, versionOf(day4, data), { messageId: "m-1", body: "Better now" });

    const report = await dispositionReport(s.rapporteur, s.event.slug);
    expect(report.rows).toMatchObject([
      {
        themeSlug: "theme-1",
        versionNumber: 1,
        messageNumber: 1,
        quote: "First",
        author: "Pat Participant",
        comment: "Too vague",
        replies: 1,
        disposition: "PARTLY_INCORPORATED",
        reply: "Made clearer.",
        hidden: false,
      },
      {
        themeSlug: "theme-1",
        versionNumber: 2,
        messageNumber: 1,
        quote: "First message.",
        author: "Pat Participant",
        comment: "Better now",
        replies: 0,
        disposition: "PENDING",
        reply: "",
        hidden: false,
      },
      {
        themeSlug: "theme-2",
        versionNumber: 1,
        messageNumber: 1,
        quote: "First message.",
        author: "Paz Participant",
        comment: "Abusive words",
        replies: 0,
        disposition: "PENDING",
        reply: "",
        hidden: true,
      },
    ]);
    const inclusionOnly = await dispositionReport(s.otherRapporteur, s.event.slug, "theme-2");
    expect(inclusionOnly.theme).toEqual({ slug: "theme-2", title: "Inclusion" });
    expect(inclusionOnly.rows.map((r) => r.comment)).toEqual(["Abusive words"]);
  });

  it("is for the secretariat and rapporteurs only", async () => {
    const s = await setUp();
    for (const who of [s.pat, s.outsider]) {
      const error = await dispositionReport(who, s.event.slug).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(403);
    }
    const missing = await dispositionReport(s.secretariat, s.event.slug, "no-such-theme").catch((e: unknown) => e);
    expect((missing as DomainError).status).toBe(404);
    expect((await dispositionReport(s.secretariat, s.event.slug)).rows).toEqual([]);
  });
});

describe("the report as CSV", () => {
  const row: ReportRow = {
    threadId: "t-1",
    themeSlug: "data",
    themeTitle: "Data, governance",
    versionNumber: 1,
    versionLabel: "Day 3 draft",
    messageNumber: 4,
    messageId: "m-4",
    quote: 'the "open" data',
    author: "@mallory",
    createdAt: "2026-11-22T10:00:00.000Z",
    comment: '=HYPERLINK("http://evil.example","click")\nsecond line',
    replies: 0,
    disposition: "NOT_TAKEN_UP",
    dispositionLabel: "Not taken up",
    reply: "+1 from the room; -2 elsewhere",
    dispositionBy: "-Rita",
    resolved: false,
    hidden: true,
    kind: "Amendment",
    kindCode: "AMENDMENT",
    proposedText: "-the open data",
    appliedText: "",
  };

  it("quotes commas, quotes and newlines, and neutralises leading formula characters", () => {
    const csv = reportCsv([row]);
    expect(csv).toBe(
      "Theme,Kind,Version,Message,Message id,Quoted text,Author,Date (UTC),Comment,Proposed text,Applied text,Replies,Disposition,Public reply,Disposition by,Resolved,Hidden\r\n" +
        '"Data, governance",Amendment,v1 (Day 3 draft),4,m-4,"the ""open"" data",\'@mallory,2026-11-22T10:00:00.000Z,' +
        '"\'=HYPERLINK(""http://evil.example"",""click"")\nsecond line",\'-the open data,,0,Not taken up,\'+1 from the room; -2 elsewhere,\'-Rita,no,yes\r\n',
    );
    const [header, cells]: string[][] = parse(csv);
    expect(header).toHaveLength(17);
    expect(cells[0]).toBe("Data, governance");
    expect(cells[5]).toBe('the "open" data');
    expect(cells[8]).toBe('\'=HYPERLINK("http://evil.example","click")\nsecond line');
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("leaves ordinary text alone", () => {
    expect(neutralise("Data can help")).toBe("Data can help");
    expect(neutralise("\tTabbed")).toBe("'\tTabbed");
    expect(neutralise("")).toBe("");
  });
});

describe("new comments since the last visit", () => {
  it("counts others' comments per theme until the user marks the theme seen", async () => {
    const s = await setUp();
    const [data, inclusion] = s.event.themes;
    const day3 = (await publishMilestone(s.event.id, "DAY3", null)).versions;
    const thread = await startVersionThread(s.pat, versionOf(day3, data.document!.id), { messageId: "m-1", body: "One" });
    await startVersionThread(s.paz, versionOf(day3, data.document!.id), { messageId: "m-1", body: "Two" });
    await startVersionThread(s.paz, versionOf(day3, inclusion.document!.id), { messageId: "m-1", body: "Elsewhere" });
    await replyToThread(s.rapporteur, thread.id, { body: "My own reply is not news to me" });
    expect(await unreadCounts(s.rapporteur.id, s.event.id)).toEqual(
      new Map([
        [data.id, 2],
        [inclusion.id, 1],
      ]),
    );

    await markThemeSeen(s.rapporteur.id, data.id);
    expect((await unreadCounts(s.rapporteur.id, s.event.id)).get(data.id)).toBeUndefined();
    const later = await startVersionThread(s.pat, versionOf(day3, data.document!.id), { messageId: "m-1", body: "Three" });
    expect((await unreadCounts(s.rapporteur.id, s.event.id)).get(data.id)).toBe(1);
    await deleteComment(s.pat, (await db().comment.findFirstOrThrow({ where: { threadId: later.id } })).id);
    expect((await unreadCounts(s.rapporteur.id, s.event.id)).get(data.id)).toBeUndefined();
    // Stored per user: the secretariat has seen nothing yet.
    expect((await unreadCounts(s.secretariat.id, s.event.id)).get(data.id)).toBe(3);
  });
});
