import { describe, expect, it } from "vitest";
import { allows, type Subject } from "@/lib/permissions/table";

const subject = (role: Subject["role"], themeIds: string[] = [], siteAdmin = false): Subject => ({
  userId: "user-1",
  role,
  themeIds,
  siteAdmin,
});
const event = { participantsWatchDrafts: false };

describe("the permission table", () => {
  it("lets only the secretariat and site admins manage an event", () => {
    expect(allows("event.manage", subject("SECRETARIAT"), event)).toBe(true);
    expect(allows("event.manage", subject(null, [], true), event)).toBe(true);
    expect(allows("event.manage", subject("RAPPORTEUR"), event)).toBe(false);
    expect(allows("event.manage", subject("PARTICIPANT"), event)).toBe(false);
    expect(allows("event.manage", subject(null), event)).toBe(false);
  });

  it("gives a rapporteur write access to their themes and read access to the others", () => {
    const limited = subject("RAPPORTEUR", ["t1"]);
    expect(allows("draft.write", limited, { ...event, themeId: "t1" })).toBe(true);
    expect(allows("draft.write", limited, { ...event, themeId: "t2" })).toBe(false);
    expect(allows("draft.read", limited, { ...event, themeId: "t2" })).toBe(true);
    // No theme list: every theme.
    expect(allows("draft.write", subject("RAPPORTEUR"), { ...event, themeId: "t2" })).toBe(true);
  });

  it("lets participants read drafts only when the event opts in, and never write", () => {
    const participant = subject("PARTICIPANT");
    expect(allows("draft.read", participant, { ...event, themeId: "t1" })).toBe(false);
    expect(allows("draft.read", participant, { participantsWatchDrafts: true, themeId: "t1" })).toBe(true);
    expect(allows("draft.write", participant, { participantsWatchDrafts: true, themeId: "t1" })).toBe(false);
  });

  it("makes a locked document read-only for everyone", () => {
    expect(allows("draft.write", subject("SECRETARIAT"), { ...event, themeId: "t1", locked: true })).toBe(false);
    expect(allows("draft.read", subject("SECRETARIAT"), { ...event, themeId: "t1", locked: true })).toBe(true);
  });

  it("refuses outsiders everything", () => {
    for (const action of ["event.view", "event.manage", "event.audit", "draft.read", "draft.write"] as const) {
      expect(allows(action, subject(null), { participantsWatchDrafts: true, themeId: "t1" })).toBe(false);
    }
  });
});
