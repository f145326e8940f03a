// @vitest-environment happy-dom
/**
 * Amendments end to end below the browser: proposed on the Day 3 version,
 * applied by a rapporteur's editor (a ProseMirror view bound to Yjs, as in the
 * browser) through the real collaboration server while a second rapporteur
 * types in the same message, then published with Day 4. Who may apply, and
 * what a superseded version refuses.
 */
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { ySyncPlugin } from "@tiptap/y-tiptap";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yMessageTexts } from "@/lib/comments/anchors";
import { applyAmendment } from "@/lib/comments/amend";
import { amendmentInput, proposeAmendment, recordApplied, rejectAmendment } from "@/lib/comments/amendments";
import { draftThreads, versionThreads } from "@/lib/comments/read";
import { db } from "@/lib/db";
import { documentJsonToUpdate, messageIdsPlugin } from "@/lib/documents";
import { messageDocumentSchema } from "@/lib/documents/schema";
import { documentFragment } from "@/lib/documents/ydoc";
import { loadDraft } from "@/lib/drafts/store";
import { DomainError } from "@/lib/errors";
import { compareVersions } from "@/lib/publishing/compare";
import { publishMilestone } from "@/lib/publishing/publish";
import { parseFrozen } from "@/lib/publishing/render";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { TEST_SECRET, connectClient, sessionCookie, startTestServer, until, type TestClient } from "./testing";

let server: CollabServer;
const clients: TestClient[] = [];
const views: EditorView[] = [];
beforeAll(async () => {
  server = await startTestServer();
  // Where the app reaches the collaboration server, and the secret it signs sessions with.
  process.env.COLLAB_INTERNAL_URL = `ws://127.0.0.1:${server.port}`;
  process.env.NEXTAUTH_SECRET = TEST_SECRET;
});
afterAll(async () => {
  for (const view of views) view.destroy();
  for (const client of clients) client.destroy();
  await server.close();
});

const SENTENCE = "Data should serve people.";

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Data", "Other"] });
  const documentId = event.themes[0].document!.id;
  await db().document.update({
    where: { id: documentId },
    data: {
      state: documentJsonToUpdate({
        type: "doc",
        content: [
          { type: "heading", attrs: { sectionId: "s-1" }, content: [{ type: "text", text: "Data" }] },
          {
            type: "message",
            attrs: { messageId: "m-1" },
            content: [{ type: "paragraph", content: [{ type: "text", text: SENTENCE }] }],
          },
          {
            type: "message",
            attrs: { messageId: "m-2" },
            content: [{ type: "paragraph", content: [{ type: "text", text: "Second." }] }],
          },
        ],
      }),
    },
  });
  const person = async (role: "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT", themeIds: string[] = []) => {
    const user = await makeUser(db());
    await addMember(db(), user.id, event.id, role, themeIds);
    return { ...user, actor: { id: user.id, name: user.name, siteAdmin: false } };
  };
  const secretariat = await person("SECRETARIAT");
  const participant = await person("PARTICIPANT");
  const rapporteurA = await person("RAPPORTEUR", [event.themes[0].id]);
  const rapporteurB = await person("RAPPORTEUR", [event.themes[0].id]);
  const elsewhere = await person("RAPPORTEUR", [event.themes[1].id]);
  const day3 = await publishMilestone(event.id, "DAY3", secretariat, new Date());
  const versionId = day3.versions.find((v) => v.documentId === documentId)!.versionId;
  return { event, documentId, versionId, secretariat, participant, rapporteurA, rapporteurB, elsewhere };
}

async function connect(user: { id: string; name: string; email: string; sessionVersion: number }, documentId: string) {
  const client = connectClient(server.port, documentId, await sessionCookie(user));
  clients.push(client);
  await until(() => client.provider.synced, "client synced");
  return client;
}

/** An editor as the browser has it: a ProseMirror view bound to the client's Y.Doc. */
function editorOn(client: TestClient) {
  const view = new EditorView(document.createElement("div"), {
    state: EditorState.create({
      schema: messageDocumentSchema,
      plugins: [ySyncPlugin(documentFragment(client.doc)), messageIdsPlugin()],
    }),
  });
  views.push(view);
  return view;
}

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof DomainError ? `${e.status} ${e.code}` : String(e)),
  );

async function storedTexts(documentId: string) {
  const ydoc = await loadDraft(documentId);
  try {
    return yMessageTexts(ydoc);
  } finally {
    ydoc.destroy();
  }
}

describe("amendments", () => {
  it("are applied through the collaboration server while another rapporteur types in the message, and reach Day 4", async () => {
    const s = await setUp();
    const wording = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must serve all people.", reason: "Stronger." }),
    );
    const addition = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must be kept safe.", reason: "Missing.", newMessage: true }),
    );
    // Public on the version page, with its diff.
    const shown = (await versionThreads(null, s.versionId)).threads.find((t) => t.id === wording.id)!;
    expect(shown.kind).toBe("AMENDMENT");
    expect(shown.amendment!.diff.filter((p) => p.change === "added").map((p) => p.text)).toEqual(["must", "all "]);

    const a = await connect(s.rapporteurA, s.documentId);
    const b = await connect(s.rapporteurB, s.documentId);
    const view = editorOn(a);
    await until(() => view.state.doc.childCount === 3, "editor bound");

    // Beside the draft: B has already typed at the end of the message, so the draft moved on since Day 3.
    const run = () => ((documentFragment(b.doc).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    run().insert(SENTENCE.length, " Everywhere.");
    await until(async () => (await storedTexts(s.documentId)).get("m-1") === SENTENCE + " Everywhere.", "B's edit stored");
    await until(() => yMessageTexts(a.doc).get("m-1") === SENTENCE + " Everywhere.", "A sees B's edit");
    const input = (await draftThreads(s.rapporteurA.actor, s.documentId)).input.find((t) => t.id === wording.id)!;
    expect(input.messageState).toBe("changed");
    expect(input.draft!.text).toBe(SENTENCE + " Everywhere.");

    // A applies the wording (edited: "all" dropped) while B types at the start of the same message.
    const applied = "Data must serve people. Everywhere.";
    const result = applyAmendment(view.state, { messageId: "m-1", text: applied, newMessage: false })!;
    run().insert(0, "Indeed, ");
    view.dispatch(result.tr);
    await until(
      () =>
        yMessageTexts(a.doc).get("m-1") === yMessageTexts(b.doc).get("m-1") &&
        yMessageTexts(a.doc).get("m-1")!.startsWith("Indeed"),
      "both replicas converge",
    );
    expect(yMessageTexts(b.doc).get("m-1")).toBe("Indeed, " + applied);
    expect(yMessageTexts(a.doc).get("m-2")).toBe("Second.");
    const recorded = await recordApplied(s.rapporteurA.actor, wording.id, { text: applied, edited: true });
    expect(recorded.disposition).toBe("PARTLY_INCORPORATED");
    expect(recorded.appliedBy).toBe(s.rapporteurA.name);
    expect(await status(recordApplied(s.rapporteurB.actor, wording.id, { text: applied, edited: true }))).toMatch(/^409/);

    // The new message goes in after m-1; the other rapporteur's copy has it at once.
    const added = applyAmendment(view.state, { messageId: "m-1", text: "Data must be kept safe.", newMessage: true })!;
    view.dispatch(added.tr);
    await until(() => yMessageTexts(b.doc).get(added.messageId) === "Data must be kept safe.", "B sees the new message");
    expect(
      (
        await recordApplied(s.rapporteurA.actor, addition.id, {
          text: "Data must be kept safe.",
          messageId: added.messageId,
          edited: true,
        })
      ).disposition,
    ).toBe("INCORPORATED");
    await until(async () => (await storedTexts(s.documentId)).get(added.messageId) === "Data must be kept safe.", "stored");

    const day4 = await publishMilestone(s.event.id, "DAY4", s.secretariat, new Date());
    const version = await db().version.findUniqueOrThrow({
      where: { id: day4.versions.find((v) => v.documentId === s.documentId)!.versionId },
    });
    const frozen = parseFrozen(version.canonicalJson);
    const day3 = parseFrozen((await db().version.findUniqueOrThrow({ where: { id: s.versionId } })).canonicalJson);
    const changes = compareVersions(day3.content, frozen.content);
    expect(changes.map((c) => [c.messageId === added.messageId ? "new" : c.messageId, c.kind])).toEqual([
      ["m-1", "changed"],
      ["new", "added"],
      ["m-2", "unchanged"],
    ]);
    expect(
      changes[0].words
        .filter((w) => w.change === "added")
        .map((w) => w.text)
        .join(""),
    ).toContain("must");
  });

  it("may be applied or rejected only by the theme's rapporteurs and the secretariat, and not proposed on a superseded version", async () => {
    const s = await setUp();
    const amendment = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-2", text: "Second, better.", reason: "Clearer." }),
    );
    expect(await status(recordApplied(s.participant.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "403 forbidden",
    );
    expect(await status(recordApplied(s.elsewhere.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "403 forbidden",
    );
    expect(await status(rejectAmendment(s.participant.actor, amendment.id, { reason: "No." }))).toBe("403 forbidden");
    const unchanged = await db().commentThread.findUniqueOrThrow({ where: { id: amendment.id } });
    expect([unchanged.disposition, unchanged.appliedAt]).toEqual(["PENDING", null]);
    // The same words as the version's are not an amendment; a message the version lacks is refused.
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "m-2", text: "Second.", reason: "x" }),
        ),
      ),
    ).toBe("400 invalid");
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "nope", text: "New.", reason: "x" }),
        ),
      ),
    ).toBe("400 invalid");

    const rejected = await rejectAmendment(s.rapporteurA.actor, amendment.id, { reason: "The message was merged into another." });
    expect([rejected.disposition, rejected.dispositionReply]).toEqual(["NOT_TAKEN_UP", "The message was merged into another."]);
    // Not taken up stays not taken up, unless its disposition is set back first.
    expect(await status(recordApplied(s.rapporteurA.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "409 conflict",
    );

    await publishMilestone(s.event.id, "DAY4", s.secretariat, new Date());
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "m-2", text: "Late.", reason: "x" }),
        ),
      ),
    ).toBe("409 superseded");
  });

  it("are applied by the server for an API client without an editor, through the collaboration server, seen at once by open editors", async () => {
    const s = await setUp();
    const wording = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must serve people.", reason: "Stronger." }),
    );
    const addition = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-2", text: "A last word.", reason: "Missing.", newMessage: true }),
    );
    const b = await connect(s.rapporteurB, s.documentId);
    const user = { ...s.rapporteurA, siteAdmin: false };
    const applied = await recordApplied(user, wording.id, { text: "Data must serve people." });
    expect(applied.disposition).toBe("INCORPORATED");
    // Stored before the answer, and already in the open editor's copy.
    expect((await storedTexts(s.documentId)).get("m-1")).toBe("Data must serve people.");
    await until(() => yMessageTexts(b.doc).get("m-1") === "Data must serve people.", "B sees the applied wording");
    const added = await recordApplied(user, addition.id, { text: "A last word." });
    expect((await storedTexts(s.documentId)).get(added.appliedMessageId!)).toBe("A last word.");
    // Applying it again adds nothing (the id is derived from the amendment); the record refuses a second apply.
    expect(await status(recordApplied(user, addition.id, { text: "A last word." }))).toMatch(/^409/);
    expect([...(await storedTexts(s.documentId)).values()].filter((t) => t === "A last word.")).toHaveLength(1);
  });
});
