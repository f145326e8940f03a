import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import {
  createSession,
  IMPORT_MAX_SESSIONS,
  importSessions,
  peopleFromText,
  programme,
  programmeCount,
  programmeDays,
  sessionTypeOf,
  setSubThemes,
} from "./sessions";

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Security"], timeZone: "Europe/Berlin" });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  await setSubThemes(secretariat, event.id, event.themes[0].id, [
    { name: "Safety", facilitator: "A. Facilitator" },
    { name: "Human rights", facilitator: "" },
  ]);
  return { event, secretariat };
}

const HEADER = "title,type,date,start,end,room,theme,sub_themes,organisers,link\n";

describe("the programme", () => {
  it("reads types by code or label, and people from their short form", () => {
    expect(sessionTypeOf("open forum")).toBe("OPEN_FORUM");
    expect(sessionTypeOf("OPEN_FORUM")).toBe("OPEN_FORUM");
    expect(sessionTypeOf("Best Practice Forum")).toBe("BEST_PRACTICE_FORUM");
    expect(sessionTypeOf("Introductory")).toBe("INTRODUCTORY");
    expect(sessionTypeOf("keynote")).toBeNull();
    expect(peopleFromText("Ana Li (Net Org, Chile, Civil society); Bo")).toEqual([
      { name: "Ana Li", organisation: "Net Org", country: "Chile", stakeholderGroup: "Civil society" },
      { name: "Bo", organisation: "", country: "", stakeholderGroup: "" },
    ]);
  });

  it("imports nothing while any row is wrong, names each bad row and why, then imports a good file whole", async () => {
    const { event, secretariat } = await setUp();
    const bad =
      HEADER +
      "Opening,Introductory,2019-11-26,09:00,10:00,Hall 1,theme-1,Safety,Ana Li (Net Org; Chile),https://example.org/s/1\n" +
      "Bad date,Workshop,2019-13-40,09:00,10:00,,,,,\n" +
      "Bad type,Keynote,2019-11-26,09:00,10:00,,,,,\n" +
      "Bad sub-theme,Workshop,2019-11-26,11:00,12:00,,theme-1,Stability,,\n" +
      "Opening,Introductory,2019-11-26,09:00,10:00,,,,,\n";
    const report = await importSessions(secretariat, event, bad);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => [e.line, e.title])).toEqual([
      [3, "Bad date"],
      [4, "Bad type"],
      [5, "Bad sub-theme"],
      [6, "Opening"],
    ]);
    expect(report.errors[0].message).toContain("2019-13-40");
    expect(report.errors[1].message).toContain('Unknown type "Keynote"');
    expect(report.errors[2].message).toBe('The theme "theme-1" has no sub-theme "Stability".');
    expect(report.errors[3].message).toContain("already in the programme or earlier in the file");
    expect(await db().session.count({ where: { eventId: event.id } })).toBe(0);

    const good =
      HEADER +
      "Opening,Introductory,2019-11-26,09:00,10:00,Hall 1,theme-1,Safety,Ana Li (Net Org),https://example.org/s/1\n" +
      '"Rights, online",Workshop,2019-11-27,9:30,11:00,Room 2,theme-1,Human rights; safety,,\n';
    expect(await importSessions(secretariat, event, good)).toEqual({ imported: 2, errors: [] });
    const sessions = await programme(event.id, { zone: event.timeZone });
    expect(sessions.map((s) => s.title)).toEqual(["Opening", "Rights, online"]);
    // Times are the event's wall clock: 09:30 in Berlin in November is 08:30 UTC.
    expect(sessions[1].startsAt.toISOString()).toBe("2019-11-27T08:30:00.000Z");
    expect(sessions[1].subThemeIds).toHaveLength(2);
    expect(await programme(event.id, { zone: event.timeZone, type: "WORKSHOP" })).toHaveLength(1);
    expect(await programme(event.id, { zone: event.timeZone, day: "2019-11-26" })).toHaveLength(1);
    expect(await programme(event.id, { zone: event.timeZone, subTheme: sessions[0].subThemeIds[0] })).toHaveLength(2);
    // The same file again: every row is a duplicate.
    expect((await importSessions(secretariat, event, good)).errors).toHaveLength(2);
    await expect(importSessions(secretariat, event, "colour\nred\n")).rejects.toThrow('Unknown column "colour"');
    // A sub-theme in use cannot be removed.
    await expect(setSubThemes(secretariat, event.id, event.themes[0].id, [{ name: "Safety", facilitator: "" }])).rejects.toThrow(
      'The sub-theme "Human rights" is used by 1 session',
    );
  });

  it("refuses a session that ends before it starts, or names a theme the event lacks", async () => {
    const { event, secretariat } = await setUp();
    const input = {
      title: "Closing",
      type: "CONCLUDING" as const,
      start: "2019-11-29T17:00",
      end: "2019-11-29T16:00",
      room: "",
      theme: null,
      subThemes: [],
      organisers: [],
      rapporteurs: [],
      description: "",
      agenda: "",
      link: "",
    };
    await expect(createSession(secretariat, event, input)).rejects.toThrow("The session must end after it starts.");
    await expect(createSession(secretariat, event, { ...input, end: "2019-11-29T18:00", theme: "nope" })).rejects.toThrow(
      'There is no theme "nope" in this event.',
    );
    const created = await createSession(secretariat, event, { ...input, end: "2019-11-29T18:00" });
    expect(created.title).toBe("Closing");
    await expect(createSession(secretariat, event, { ...input, end: "2019-11-29T18:00" })).rejects.toThrow(
      "already has a session",
    );
  });
});

describe("a large programme", () => {
  /** A programme of `count` sessions over five days, as a large conference would import it. */
  const bigFile = (count: number) =>
    HEADER +
    Array.from({ length: count }, (_, i) => {
      const day = 26 + (i % 5);
      const hour = String(8 + (Math.floor(i / 5) % 10)).padStart(2, "0");
      return `Session number ${i},Workshop,2019-11-${day},${hour}:00,${hour}:45,Room ${i % 40},theme-1,Safety,,\n`;
    }).join("");

  it("imports 10,000 rows whole, three times over, and refuses a file past the cap with nothing imported", async () => {
    for (let run = 0; run < 3; run++) {
      const { event, secretariat } = await setUp();
      expect(await importSessions(secretariat, event, bigFile(IMPORT_MAX_SESSIONS))).toEqual({
        imported: IMPORT_MAX_SESSIONS,
        errors: [],
      });
      expect(await db().session.count({ where: { eventId: event.id } })).toBe(IMPORT_MAX_SESSIONS);
    }
    const { event, secretariat } = await setUp();
    await expect(importSessions(secretariat, event, bigFile(IMPORT_MAX_SESSIONS + 1))).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining(`at most ${IMPORT_MAX_SESSIONS}`),
    });
    expect(await db().session.count({ where: { eventId: event.id } })).toBe(0);
  }, 240_000);

  it("is read one page and one day at a time", async () => {
    const { event, secretariat } = await setUp();
    await importSessions(secretariat, event, bigFile(1000));
    expect(await programmeDays(event.id, event.timeZone)).toEqual([
      "2019-11-26",
      "2019-11-27",
      "2019-11-28",
      "2019-11-29",
      "2019-11-30",
    ]);
    const filter = { day: "2019-11-27", zone: event.timeZone };
    expect(await programmeCount(event.id, filter)).toBe(200);
    const first = await programme(event.id, filter, { skip: 0, take: 100 });
    const second = await programme(event.id, filter, { skip: 100, take: 100 });
    expect(first).toHaveLength(100);
    expect(new Set([...first, ...second].map((s) => s.id)).size).toBe(200);
    expect(first.every((s) => s.startsAt.toISOString().startsWith("2019-11-27"))).toBe(true);
  }, 60_000);
});
