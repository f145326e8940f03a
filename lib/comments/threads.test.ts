import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { draftThreads, myComments, versionThreads } from "@/lib/comments/read";
import {
  deleteComment,
  editComment,
  eventWindow,
  replyToThread,
  setCommentHidden,
  setDisposition,
  setThreadResolved,
  startDraftThread,
  startVersionThread,
} from "@/lib/comments/threads";
import { db } from "@/lib/db";
import { documentFragment } from "@/lib/documents/ydoc";
import { loadDraft } from "@/lib/drafts/store";
import { DomainError } from "@/lib/errors";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";

type Role = "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT";

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Data", "Inclusion"] });
  const person = async (role: Role | null, themeIds: string[] = []) => {
    const user = await makeUser(db());
    if (role) await addMember(db(), user.id, event.id, role, themeIds);
    return { id: user.id, name: user.name, siteAdmin: false };
  };
  const [secretariat, rapporteur, otherRapporteur, participant, participant2, outsider] = await Promise.all([
    person("SECRETARIAT"),
    person("RAPPORTEUR", [event.themes[0].id]),
    person("RAPPORTEUR", [event.themes[1].id]),
    person("PARTICIPANT"),
    person("PARTICIPANT"),
    person(null),
  ]);
  const documentId = event.themes[0].document!.id;
  const publish = async (kind: "DAY3" | "DAY4" | "FINAL") => {
    const result = await publishMilestone(event.id, kind, null);
    return result.versions.find((v) => v.documentId === documentId)!.versionId;
  };
  return { event, documentId, publish, secretariat, rapporteur, otherRapporteur, participant, participant2, outsider };
}

/** Rejects with a DomainError of this status (and, if given, a message matching). */
async function refused(promise: Promise<unknown>, status: number, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "expected the action to be refused").toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  if (message) expect((error as DomainError).message).toMatch(message);
}

/** Replaces the live draft's first message text, as an editor's update would. */
async function editDraft(documentId: string, change: (message: Y.XmlElement, fragment: Y.XmlFragment) => void) {
  const ydoc = await loadDraft(documentId);
  const before = Y.encodeStateVector(ydoc);
  const fragment = documentFragment(ydoc);
  const message = fragment.toArray().find((c) => c instanceof Y.XmlElement && c.nodeName === "message") as Y.XmlElement;
  change(message, fragment);
  await db().documentUpdate.create({ data: { documentId, update: new Uint8Array(Y.encodeStateAsUpdate(ydoc, before)) } });
}

describe("the comment window", () => {
  it("opens with Day 3, moves to the latest version with Day 4 and closes with Final", async () => {
    const s = await setUp();
    expect(await eventWindow(db(), s.event.id)).toEqual({ windowOpen: false, final: false });
    await refused(startDraftThread(s.participant, s.documentId, { messageId: "m-1", body: "Early" }), 403);

    const day3 = await s.publish("DAY3");
    expect(await eventWindow(db(), s.event.id)).toEqual({ windowOpen: true, final: false });
    const thread = await startVersionThread(s.participant, day3, { messageId: "m-1", start: 6, end: 13, body: "Which message?" });
    expect(thread.quote).toBe("message");
    expect((await versionThreads(null, day3)).canStart).toBe(false);
    expect((await versionThreads(s.participant, day3)).canStart).toBe(true);

    const day4 = await s.publish("DAY4");
    await refused(
      startVersionThread(s.participant, day3, { messageId: "m-1", body: "Late for Day 3" }),
      409,
      /latest published version/,
    );
    const view = await versionThreads(s.participant, day3);
    expect(view.canStart).toBe(false);
    expect(view.threads.map((t) => t.quote)).toEqual(["message"]);
    const onDay4 = await startVersionThread(s.participant2, day4, { messageId: "m-1", body: "On Day 4" });
    expect(onDay4.quote).toBe("First message.");
    // Participants still take part in open threads while the window is open.
    await replyToThread(s.participant2, thread.id, { body: "Me too" });

    const final = await s.publish("FINAL");
    expect(await eventWindow(db(), s.event.id)).toEqual({ windowOpen: false, final: true });
    await refused(startVersionThread(s.participant, final, { messageId: "m-1", body: "After" }), 409, /window is closed/);
    await refused(startVersionThread(s.secretariat, final, { messageId: "m-1", body: "After" }), 409);
    await refused(startDraftThread(s.rapporteur, s.documentId, { messageId: "m-1", body: "After" }), 409);
    await refused(replyToThread(s.participant, thread.id, { body: "One more thing" }), 409);
    // The drafters still answer, set dispositions; the secretariat still hides.
    await replyToThread(s.rapporteur, thread.id, { body: "Answered after Final" });
    await setDisposition(s.rapporteur, thread.id, { disposition: "INCORPORATED", reply: "Done in the final text." });
    const [first] = await db().comment.findMany({ where: { threadId: onDay4.id } });
    await setCommentHidden(s.secretariat, first.id, { hidden: true });
    expect((await versionThreads(null, final)).canStart).toBe(false);
  });
});

describe("who may do what with comments", () => {
  it("refuses a participant the live draft, another's comment, dispositions and hiding", async () => {
    const s = await setUp();
    const day3 = await s.publish("DAY3");
    const thread = await startVersionThread(s.participant, day3, { messageId: "m-1", body: "Mine" });
    const [comment] = await db().comment.findMany({ where: { threadId: thread.id } });

    await refused(startDraftThread(s.participant, s.documentId, { messageId: "m-1", body: "x" }), 403);
    await refused(draftThreads(s.participant, s.documentId), 403);
    await refused(editComment(s.participant2, comment.id, { body: "Changed by someone else" }), 403);
    await refused(deleteComment(s.participant2, comment.id), 403);
    await refused(setDisposition(s.participant, thread.id, { disposition: "INCORPORATED" }), 403);
    await refused(setCommentHidden(s.participant, comment.id, { hidden: true }), 403);
    await refused(setThreadResolved(s.participant2, thread.id, { resolved: true }), 403);
    // A rapporteur of another theme may answer but not decide.
    await refused(setDisposition(s.otherRapporteur, thread.id, { disposition: "NOT_TAKEN_UP" }), 403);
    await refused(setCommentHidden(s.rapporteur, comment.id, { hidden: true }), 403);
    // Non-members are refused; anonymous visitors only read.
    await refused(startVersionThread(s.outsider, day3, { messageId: "m-1", body: "Hi" }), 403, /Join the event/);
    await refused(replyToThread(s.outsider, thread.id, { body: "Hi" }), 403);

    const after = await db().comment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(after.body).toBe("Mine");
    expect(after.hiddenAt).toBeNull();
    expect((await db().commentThread.findUniqueOrThrow({ where: { id: thread.id } })).disposition).toBe("PENDING");

    // The thread's own author may resolve it; the theme's rapporteur may set its disposition.
    await setThreadResolved(s.participant, thread.id, { resolved: true });
    await setDisposition(s.rapporteur, thread.id, { disposition: "PARTLY_INCORPORATED", reply: "Partly." });
    const mine = await myComments(s.participant);
    expect(mine).toMatchObject([{ threadId: thread.id, dispositionLabel: "Partly incorporated", dispositionReply: "Partly." }]);
  });

  it("checks input: empty, too long, outside the message, unknown message", async () => {
    const s = await setUp();
    const day3 = await s.publish("DAY3");
    await expect(startVersionThread(s.participant, day3, { messageId: "m-1", body: "   " })).rejects.toThrow(/empty/);
    await expect(startVersionThread(s.participant, day3, { messageId: "m-1", body: "x".repeat(4001) })).rejects.toThrow(
      /at most 4000/,
    );
    await refused(startVersionThread(s.participant, day3, { messageId: "m-1", start: 3, end: 99, body: "x" }), 400);
    await refused(startVersionThread(s.participant, day3, { messageId: "m-9", body: "x" }), 400, /no message/);
    await expect(startVersionThread(s.participant, day3, { messageId: "m-1", start: 3, body: "x" })).rejects.toThrow(
      /both start and end/,
    );
    await expect(
      startDraftThread(s.rapporteur, s.documentId, { messageId: "m-1", anchor: { start: "!!", end: "AA==" }, body: "x" }),
    ).rejects.toThrow(/base64/);
    expect(await db().commentThread.count({ where: { documentId: s.documentId } })).toBe(0);
    // HTML is stored as the plain text it is.
    const html = "<script>alert(1)</script> <b>bold?</b>";
    const thread = await startVersionThread(s.participant, day3, { messageId: "m-1", body: html });
    expect((await versionThreads(null, day3)).threads.find((t) => t.id === thread.id)!.comments[0].body).toBe(html);
  });

  it("limits how fast one user comments", async () => {
    const s = await setUp();
    const day3 = await s.publish("DAY3");
    for (let i = 0; i < 20; i++) await startVersionThread(s.participant, day3, { messageId: "m-1", body: `Comment ${i}` });
    await refused(startVersionThread(s.participant, day3, { messageId: "m-1", body: "One too many" }), 429, /too quickly/);
    await startVersionThread(s.participant2, day3, { messageId: "m-1", body: "Someone else is fine" });
    expect(await db().commentThread.count({ where: { versionId: day3 } })).toBe(21);
  });
});

describe("editing, deleting and hiding", () => {
  it("keeps earlier text, leaves a placeholder in a thread with replies, and logs hiding", async () => {
    const s = await setUp();
    const day3 = await s.publish("DAY3");
    const thread = await startVersionThread(s.participant, day3, { messageId: "m-1", body: "First thought" });
    const [comment] = await db().comment.findMany({ where: { threadId: thread.id } });
    await editComment(s.participant, comment.id, { body: "Second thought" });
    let view = (await versionThreads(s.secretariat, day3)).threads[0];
    expect(view.comments[0]).toMatchObject({ body: "Second thought", edited: true, history: ["First thought"] });
    expect((await versionThreads(null, day3)).threads[0].comments[0]).toMatchObject({ edited: true, history: [] });

    await replyToThread(s.rapporteur, thread.id, { body: "Noted" });
    await deleteComment(s.participant, comment.id);
    view = (await versionThreads(null, day3)).threads[0];
    expect(view.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ""],
      [false, "Noted"],
    ]);
    const lonely = await startVersionThread(s.participant2, day3, { messageId: "m-1", body: "Never mind" });
    const [lonelyComment] = await db().comment.findMany({ where: { threadId: lonely.id } });
    await deleteComment(s.participant2, lonelyComment.id);
    expect((await versionThreads(null, day3)).threads.map((t) => t.id)).toEqual([thread.id]);

    const abusive = await startVersionThread(s.participant2, day3, { messageId: "m-1", body: "Something abusive" });
    const [abusiveComment] = await db().comment.findMany({ where: { threadId: abusive.id } });
    await setCommentHidden(s.secretariat, abusiveComment.id, { hidden: true });
    expect((await versionThreads(null, day3)).threads.map((t) => t.id)).toEqual([thread.id]);
    expect((await versionThreads(s.participant2, day3)).threads.map((t) => t.id)).toEqual([thread.id]);
    const reviewer = (await versionThreads(s.rapporteur, day3)).threads.find((t) => t.id === abusive.id)!;
    expect(reviewer.comments[0]).toMatchObject({ hidden: true, hiddenBy: s.secretariat.name, body: "Something abusive" });
    await refused(editComment(s.participant2, abusiveComment.id, { body: "Nicer now" }), 403, /hidden/);

    const audit = await db().auditEvent.findMany({ where: { eventId: s.event.id }, orderBy: { id: "asc" } });
    const actions = audit.map((a) => a.action).filter((a) => a.startsWith("comment."));
    expect(actions).toEqual([
      "comment.thread.start",
      "comment.edit",
      "comment.reply",
      "comment.delete",
      "comment.thread.start",
      "comment.delete",
      "comment.thread.start",
      "comment.hide",
    ]);
    expect(audit.find((a) => a.action === "comment.hide")).toMatchObject({
      actorName: s.secretariat.name,
      target: abusiveComment.id,
    });
  });
});

describe("participant input beside the live draft", () => {
  it("flags threads whose message changed since, or is gone", async () => {
    const s = await setUp();
    const day3 = await s.publish("DAY3");
    await startVersionThread(s.participant, day3, { messageId: "m-1", start: 0, end: 5, body: "About First" });
    let input = (await draftThreads(s.rapporteur, s.documentId)).input;
    expect(input).toMatchObject([{ messageId: "m-1", quote: "First", messageState: "unchanged", frozenText: "First message." }]);

    await editDraft(s.documentId, (message) => {
      const text = (message.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, " Now longer.");
    });
    input = (await draftThreads(s.secretariat, s.documentId)).input;
    expect(input[0].messageState).toBe("changed");

    await editDraft(s.documentId, (message, fragment) => fragment.delete(fragment.toArray().indexOf(message), 1));
    input = (await draftThreads(s.rapporteur, s.documentId)).input;
    expect(input[0].messageState).toBe("gone");
  });
});
