import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { DomainError } from "@/lib/errors";
import { acceptInvitation, invite } from "@/lib/events/invitations";
import { authorizeEvent } from "@/lib/permissions";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { coverageCsv, themeCoverage } from "./coverage";
import { emptyReport, missingParts, sumParticipation, type ReportInput } from "./report-content";
import {
  participationTable,
  publicReport,
  remindReporters,
  reportAccess,
  reportForWriter,
  saveReportDraft,
  setReporters,
  submitReport,
} from "./reports";
import { createSession, deleteSession, sessionInput } from "./sessions";

const complete = (summary: string, items: string[] = ["Keep the core of the Internet neutral."]): ReportInput => ({
  policyQuestions: { text: "Which questions?", notApplicable: null },
  summary: { text: summary, notApplicable: null },
  recommendations: { items: items.map((text) => ({ text })), notApplicable: null },
  initiatives: { text: "", notApplicable: "Nobody named one." },
  progress: { text: "Meet again next year.", notApplicable: null },
  participation: { onSite: 40, women: 15, online: 12, notApplicable: null },
  gender: { text: "Discussed briefly.", notApplicable: null },
  outputs: { links: [{ label: "Recording", url: "https://example.org/rec" }], notApplicable: null },
});

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Security", "Inclusion"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const reporterA = await makeUser(db());
  const reporterB = await makeUser(db());
  const participant = await makeUser(db());
  await addMember(db(), reporterA.id, event.id, "PARTICIPANT");
  await addMember(db(), reporterB.id, event.id, "RAPPORTEUR");
  await addMember(db(), participant.id, event.id, "PARTICIPANT");
  const session = (title: string, theme = "theme-1", start = "T09:00") =>
    createSession(
      secretariat,
      event,
      sessionInput.parse({ title, type: "WORKSHOP", start: `2026-11-26${start}`, end: `2026-11-26T18:00`, theme }),
    );
  const one = await session("Workshop one");
  const two = await session("Workshop two", "theme-1", "T10:00");
  const three = await session("Workshop three", "theme-1", "T11:00");
  await setReporters(secretariat, event.id, one.id, [reporterA.id]);
  await setReporters(secretariat, event.id, two.id, [reporterB.id]);
  return { event, secretariat, reporterA, reporterB, participant, one, two, three };
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof DomainError ? e.status : 500),
  );

describe("session reports", () => {
  it("keep drafts private to the session's reporters and the secretariat, and let nobody else write them", async () => {
    const { event, secretariat, reporterA, reporterB, participant, one, two } = await setUp();
    await saveReportDraft(reporterA, event.id, one.id, { summary: { text: "Draft words of one." } });
    await saveReportDraft(reporterB, event.id, two.id, { summary: { text: "Draft words of two." } });

    // A reporter of one session cannot write another's report…
    expect(await status(saveReportDraft(reporterA, event.id, two.id, { summary: { text: "Hijack." } }))).toBe(403);
    expect(await status(submitReport(reporterA, event.id, two.id, complete("Hijack.")))).toBe(403);
    // …nor read its unsubmitted draft: for them, and for anonymous readers, only a submitted report exists.
    expect((await reportAccess(reporterA, event.id, two.id)).canWrite).toBe(false);
    expect((await reportAccess(null, event.id, two.id)).canWrite).toBe(false);
    expect((await reportAccess(participant, event.id, one.id)).canWrite).toBe(false);
    expect(await publicReport(two.id)).toBeNull();
    expect((await reportForWriter(two.id)).draft?.summary.text).toBe("Draft words of two.");
    // The secretariat may read and write any report.
    expect((await reportAccess(secretariat, event.id, two.id)).canWrite).toBe(true);
    expect(await status(saveReportDraft(secretariat, event.id, two.id, { summary: { text: "Fixed." } }))).toBe(200);
    // Reporters must be members; the reporter list is the secretariat's.
    const outsider = await makeUser(db());
    expect(await status(setReporters(secretariat, event.id, one.id, [outsider.id]))).toBe(400);
    expect(await status(authorizeEvent(reporterA, event.slug, "event.manage"))).toBe(403);
  });

  it("are submitted only when every part is filled in or marked as not applicable with a reason", async () => {
    const { event, reporterA, one } = await setUp();
    expect(missingParts(emptyReport())).toHaveLength(8);
    const partial = { ...complete("Summary."), gender: { text: "", notApplicable: null } };
    await expect(submitReport(reporterA, event.id, one.id, partial)).rejects.toThrow(/Part 7 \(Reflection on gender issues\)/);
    const blankReason = { ...complete("Summary."), gender: { text: "", notApplicable: "  " } };
    await expect(submitReport(reporterA, event.id, one.id, blankReason)).rejects.toThrow(/Part 7/);
    const badLink = {
      ...complete("Summary."),
      outputs: { links: [{ label: "x", url: "javascript:alert(1)" }], notApplicable: null },
    };
    await expect(submitReport(reporterA, event.id, one.id, badLink)).rejects.toThrow(/http/);
    const women = { ...complete("Summary."), participation: { onSite: 3, women: 9, online: null, notApplicable: null } };
    await expect(submitReport(reporterA, event.id, one.id, women)).rejects.toThrow(/women/);
    expect(await publicReport(one.id)).toBeNull();
    expect(await db().sessionReportRevision.count({ where: { report: { sessionId: one.id } } })).toBe(0);
  });

  it("keep every submission: an edit after submission shows as updated, the submitted text stays in the history", async () => {
    const { event, reporterA, one } = await setUp();
    const first = await submitReport(reporterA, event.id, one.id, complete("What was said first."));
    expect(first.revision).toBe(1);
    const itemId = first.content.recommendations.items[0].id;
    // A later edit: the draft changes privately first…
    const edited = {
      ...complete("What was said, corrected."),
      recommendations: { items: [{ id: itemId, text: "Keep it neutral." }], notApplicable: null },
    };
    await saveReportDraft(reporterA, event.id, one.id, edited);
    expect((await publicReport(one.id))!.latest.content.summary.text).toBe("What was said first.");
    expect((await reportForWriter(one.id)).unsubmittedChanges).toBe(true);
    // …then goes public as an update; the first submission is kept as it was.
    await submitReport(reporterA, event.id, one.id, edited);
    const shown = (await publicReport(one.id))!;
    expect(shown.updated).toBe(true);
    expect(shown.latest.content.summary.text).toBe("What was said, corrected.");
    expect(shown.earlier.map((r) => r.content.summary.text)).toEqual(["What was said first."]);
    // The item kept its id, so messages citing it still do.
    expect(shown.latest.content.recommendations.items[0]).toEqual({ id: itemId, text: "Keep it neutral." });
    // A submission cannot be rewritten afterwards, even in SQL.
    await expect(
      db().sessionReportRevision.updateMany({ where: { report: { sessionId: one.id } }, data: { content: {} } }),
    ).rejects.toThrow(/kept as submitted/);
    // Nor can its session be deleted from the programme.
    expect(await status(deleteSession(await makeUser(db()), event.id, one.id))).toBe(409);
  });

  it("can be assigned by an invitation, and their reporters reminded by mail", async () => {
    const { event, secretariat, one, two, three } = await setUp();
    const invited = await invite(secretariat, event.id, {
      email: "new-reporter@example.test",
      role: "PARTICIPANT",
      sessionIds: [three.id],
    });
    const person = await makeUser(db(), { email: "new-reporter@example.test" });
    await acceptInvitation({ ...person, sessionVersion: 1 }, invited.path.split("/").at(-1)!);
    expect((await reportAccess(person, event.id, three.id)).canWrite).toBe(true);
    await expect(
      invite(secretariat, event.id, { email: "x@example.test", role: "PARTICIPANT", sessionIds: [crypto.randomUUID()] }),
    ).rejects.toThrow(/sessionIds/);

    await submitReport(secretariat, event.id, two.id, complete("Done."));
    const before = await db().outboxMail.count();
    const result = await remindReporters(secretariat, event, [one.id, two.id, three.id], "https://rapporteur.test");
    expect(result.reminded.map((r) => r.sessionId).sort()).toEqual([one.id, three.id].sort());
    expect(result.skipped).toEqual([{ sessionId: two.id, reason: expect.stringMatching(/submitted/) }]);
    const mails = await db().outboxMail.findMany({
      orderBy: { createdAt: "desc" },
      take: (await db().outboxMail.count()) - before,
    });
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.to)).toContain("new-reporter@example.test");
    expect(mails.find((m) => m.to === "new-reporter@example.test")!.text).toContain(
      `https://rapporteur.test/workspace/events/${event.slug}/sessions/${three.id}/report`,
    );
    expect((await db().session.findUniqueOrThrow({ where: { id: one.id } })).remindedAt).not.toBeNull();
  });

  it("sum participation per theme and type, leaving out missing figures", async () => {
    expect(
      sumParticipation([
        { participation: { onSite: 40, women: 10, online: 5, notApplicable: null } },
        { participation: { onSite: 60, women: null, online: null, notApplicable: null } },
        { participation: { onSite: null, women: null, online: 20, notApplicable: null } },
        { participation: { onSite: 100, women: 100, online: 0, notApplicable: "Held behind closed doors." } },
        { participation: null },
      ]),
    ).toEqual({ sessions: 5, reported: 3, onSite: 100, online: 25, women: 10, womenShare: 0.25 });
    expect(sumParticipation([{ participation: null }]).womenShare).toBeNull();

    const { event, reporterA, reporterB, one, two } = await setUp();
    await submitReport(reporterA, event.id, one.id, complete("One."));
    await submitReport(reporterB, event.id, two.id, {
      ...complete("Two."),
      participation: { onSite: 10, women: null, online: 3, notApplicable: null },
    });
    const table = await participationTable(event.id);
    expect(table.rows).toEqual([
      {
        theme: "Security",
        themed: true,
        type: "Workshop",
        typeCode: "WORKSHOP",
        sessions: 3,
        reported: 2,
        onSite: 50,
        online: 15,
        women: 15,
        womenShare: 15 / 40,
      },
    ]);
  });

  it("feed the coverage: exactly the uncited sessions, the messages citing nothing and the missing reports", async () => {
    const { event, secretariat, reporterA, one, two, three } = await setUp();
    await submitReport(reporterA, event.id, one.id, complete("One."));
    // A session of another theme: a message of this theme cannot draw from it.
    const other = await createSession(
      secretariat,
      event,
      sessionInput.parse({
        title: "Elsewhere",
        type: "MAIN",
        start: "2026-11-26T09:00",
        end: "2026-11-26T10:00",
        theme: "theme-2",
      }),
    );
    const doc = {
      type: "doc",
      content: [
        { type: "heading", attrs: { sectionId: "s1" }, content: [{ type: "text", text: "S" }] },
        {
          type: "message",
          attrs: { messageId: "m1", sources: `${two.id} ${other.id}` },
          content: [{ type: "paragraph", content: [{ type: "text", text: "Cites two." }] }],
        },
        {
          type: "message",
          attrs: { messageId: "m2" },
          content: [{ type: "paragraph", content: [{ type: "text", text: "Cites nothing." }] }],
        },
        {
          type: "message",
          attrs: { messageId: "m3", sources: crypto.randomUUID() },
          content: [{ type: "paragraph", content: [{ type: "text", text: "Cites a session that does not exist." }] }],
        },
      ],
    };
    await db().document.update({ where: { id: event.themes[0].document!.id }, data: { state: documentJsonToUpdate(doc) } });
    const coverage = await themeCoverage(event, event.themes[0].id);
    expect(coverage.uncitedSessions.map((s) => s.title)).toEqual(["Workshop one", "Workshop three"]);
    expect(coverage.uncitedMessages.map((m) => [m.number, m.text])).toEqual([
      [2, "Cites nothing."],
      [3, "Cites a session that does not exist."],
    ]);
    expect(coverage.missingReports.map((s) => s.id)).toEqual([two.id, three.id]);
    const csv = coverageCsv([coverage]).trim().split("\r\n");
    expect(csv[0]).toBe("theme,finding,id,message_number,title_or_text,type,start");
    expect(csv).toHaveLength(1 + 2 + 2 + 2);
    expect(csv).toContain(`theme-1,session not cited,${three.id},,Workshop three,Workshop,2026-11-26T11:00`);
  });

  it("write a CSV whose cells a spreadsheet cannot run, whatever the session titles and message text", async () => {
    const { event, secretariat } = await setUp();
    const titles = ['=HYPERLINK("http://evil.example","x")', "+1 for open data", "-2 against", "@SUM(A1)"];
    for (const title of titles)
      await createSession(
        secretariat,
        event,
        sessionInput.parse({ title, type: "MAIN", start: "2026-11-26T09:00", end: "2026-11-26T10:00", theme: "theme-1" }),
      );
    const message = (id: string, text: string) => ({
      type: "message",
      attrs: { messageId: id },
      content: [{ type: "paragraph", content: [{ type: "text", text }] }],
    });
    const doc = { type: "doc", content: [message("m1", "=1+1 cites nothing"), message("m2", "@everyone, cite something")] };
    await db().document.update({ where: { id: event.themes[0].document!.id }, data: { state: documentJsonToUpdate(doc) } });
    const rows: string[][] = parse(coverageCsv([await themeCoverage(event, event.themes[0].id)]));
    const cells = rows.slice(1).map((row) => row[4]);
    for (const text of [...titles, "=1+1 cites nothing", "@everyone, cite something"]) expect(cells).toContain(`'${text}`);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
