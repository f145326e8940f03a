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

  it("lets a session's reporters and the secretariat write its report, nobody else; sources for drafters only", () => {
    const reporters = { ...event, reporterIds: ["user-1"] };
    expect(allows("report.write", subject("PARTICIPANT"), reporters)).toBe(true);
    expect(allows("report.write", subject("PARTICIPANT"), { ...event, reporterIds: ["user-2"] })).toBe(false);
    expect(allows("report.write", subject("RAPPORTEUR"), event)).toBe(false);
    expect(allows("report.write", subject("SECRETARIAT"), event)).toBe(true);
    // A reporter who left the event (no role any more) loses the right.
    expect(allows("report.write", subject(null), reporters)).toBe(false);
    expect(allows("sources.read", subject("RAPPORTEUR"), event)).toBe(true);
    expect(allows("sources.read", subject("SECRETARIAT"), event)).toBe(true);
    expect(allows("sources.read", subject("PARTICIPANT"), event)).toBe(false);
  });

  it("refuses outsiders everything", () => {
    for (const action of ["event.view", "event.manage", "event.audit", "draft.read", "draft.write"] as const) {
      expect(allows(action, subject(null), { participantsWatchDrafts: true, themeId: "t1" })).toBe(false);
    }
  });

  describe("comments", () => {
    const open = { ...event, themeId: "t1", onVersion: true, latestVersion: true, windowOpen: true, final: false };
    const closed = { ...open, windowOpen: false, final: true };

    it("lets any member start a thread on the latest version while the window is open", () => {
      for (const role of ["PARTICIPANT", "RAPPORTEUR", "SECRETARIAT"] as const) {
        expect(allows("thread.startVersion", subject(role), open)).toBe(true);
        expect(allows("thread.startVersion", subject(role), { ...open, latestVersion: false })).toBe(false);
        expect(allows("thread.startVersion", subject(role), closed)).toBe(false);
      }
      expect(allows("thread.startVersion", subject(null), open)).toBe(false);
    });

    it("keeps the live draft's threads to the drafters, and stops new ones at Final", () => {
      const draft = { ...event, themeId: "t1", windowOpen: true };
      expect(allows("thread.startDraft", subject("RAPPORTEUR", ["t2"]), draft)).toBe(true);
      expect(allows("thread.startDraft", subject("SECRETARIAT"), draft)).toBe(true);
      expect(allows("thread.startDraft", subject("PARTICIPANT"), { ...draft, participantsWatchDrafts: true })).toBe(false);
      expect(allows("thread.startDraft", subject("SECRETARIAT"), { ...draft, final: true })).toBe(false);
      expect(allows("comments.review", subject("PARTICIPANT"), draft)).toBe(false);
      expect(allows("comments.review", subject("RAPPORTEUR", ["t2"]), draft)).toBe(true);
    });

    it("lets participants reply only while the window is open; the drafters answer after Final", () => {
      expect(allows("thread.reply", subject("PARTICIPANT"), open)).toBe(true);
      expect(allows("thread.reply", subject("PARTICIPANT"), closed)).toBe(false);
      expect(allows("thread.reply", subject("PARTICIPANT"), { ...open, onVersion: false })).toBe(false);
      expect(allows("thread.reply", subject("RAPPORTEUR"), closed)).toBe(true);
      expect(allows("thread.reply", subject(null), open)).toBe(false);
    });

    it("gives dispositions to the theme's rapporteurs and the secretariat, on version threads only", () => {
      expect(allows("thread.dispose", subject("RAPPORTEUR", ["t1"]), closed)).toBe(true);
      expect(allows("thread.dispose", subject("RAPPORTEUR", ["t2"]), open)).toBe(false);
      expect(allows("thread.dispose", subject("SECRETARIAT"), { ...open, onVersion: false })).toBe(false);
      expect(allows("thread.dispose", subject("PARTICIPANT"), open)).toBe(false);
    });

    it("lets authors edit their own comments, and only the secretariat hide", () => {
      const mine = { ...open, authorId: "user-1" };
      const theirs = { ...open, authorId: "user-2" };
      expect(allows("comment.own", subject("PARTICIPANT"), mine)).toBe(true);
      expect(allows("comment.own", subject("PARTICIPANT"), theirs)).toBe(false);
      expect(allows("comment.own", subject("PARTICIPANT"), { ...mine, windowOpen: false, final: true })).toBe(false);
      expect(allows("thread.resolve", subject("PARTICIPANT"), mine)).toBe(true);
      expect(allows("thread.resolve", subject("PARTICIPANT"), theirs)).toBe(false);
      expect(allows("comment.hide", subject("SECRETARIAT"), theirs)).toBe(true);
      expect(allows("comment.hide", subject(null, [], true), theirs)).toBe(true);
      expect(allows("comment.hide", subject("RAPPORTEUR"), theirs)).toBe(false);
    });
  });
});
