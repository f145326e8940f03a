/**
 * The server-side write path (lib/drafts/server-write.ts) against two real
 * collaboration instances on the shared relay channel: an amendment applied
 * for an API client reaches open editors on both at once, is stored once,
 * and is refused after Final and past the size limit, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yMessageTexts } from "@/lib/comments/anchors";
import { amendmentInput, proposeAmendment, recordApplied } from "@/lib/comments/amendments";
import { db } from "@/lib/db";
import { documentJsonToUpdate } from "@/lib/documents";
import { documentLocked } from "@/lib/drafts/draft-store";
import { writeDraft } from "@/lib/drafts/server-write";
import { loadDraft } from "@/lib/drafts/store";
import { DomainError } from "@/lib/errors";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { connectClient, sessionCookie, startTestServer, until, type TestClient } from "./testing";

let a: CollabServer;
let b: CollabServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer({ heartbeatMs: 100 }), startTestServer({ heartbeatMs: 100 })]);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.all([a.close(), b.close()]);
});

const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof DomainError ? `${e.status} ${e.code}` : String(e)),
  );

async function setUp() {
  const event = await makeEvent(db(), { themes: ["Data"] });
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
            content: [{ type: "paragraph", content: [{ type: "text", text: "Data should serve people." }] }],
          },
        ],
      }),
    },
  });
  const person = async (role: "SECRETARIAT" | "RAPPORTEUR" | "PARTICIPANT", themeIds: string[] = []) => {
    const user = await makeUser(db());
    await addMember(db(), user.id, event.id, role, themeIds);
    return { ...user, siteAdmin: false };
  };
  const secretariat = await person("SECRETARIAT");
  const participant = await person("PARTICIPANT");
  const rapporteur = await person("RAPPORTEUR", [event.themes[0].id]);
  const day3 = await publishMilestone(event.id, "DAY3", secretariat, new Date());
  const versionId = day3.versions.find((v) => v.documentId === documentId)!.versionId;
  const propose = (text: string, newMessage = false) =>
    proposeAmendment(participant, versionId, amendmentInput.parse({ messageId: "m-1", text, reason: "Because.", newMessage }));
  return { event, documentId, secretariat, participant, rapporteur, propose };
}

async function editorOn(server: CollabServer, user: Parameters<typeof sessionCookie>[0], documentId: string) {
  const client = connectClient(server.port, documentId, await sessionCookie(user));
  clients.push(client);
  await until(() => client.provider.synced, "client synced");
  return client;
}

async function storedTexts(documentId: string) {
  const doc = await loadDraft(documentId);
  try {
    return yMessageTexts(doc);
  } finally {
    doc.destroy();
  }
}

const rowsBy = (documentId: string, userId: string) => db().documentUpdate.count({ where: { documentId, userId } });

describe("the server-side write path", () => {
  it("applies an amendment for an API client: open editors on both instances see it at once, and it is stored once", async () => {
    const s = await setUp();
    const onA = await editorOn(a, s.rapporteur, s.documentId);
    const onB = await editorOn(b, s.secretariat, s.documentId);
    const wording = await s.propose("Data must serve people.");

    const applied = await recordApplied(s.rapporteur, wording.id, { text: "Data must serve people." });
    expect(applied.disposition).toBe("INCORPORATED");
    await until(() => yMessageTexts(onA.doc).get("m-1") === "Data must serve people.", "the editor on instance a sees it");
    await until(() => yMessageTexts(onB.doc).get("m-1") === "Data must serve people.", "the editor on instance b sees it");
    // One row, authored by the rapporteur; the stored draft holds the wording once.
    expect(await rowsBy(s.documentId, s.rapporteur.id)).toBe(1);
    expect((await storedTexts(s.documentId)).get("m-1")).toBe("Data must serve people.");
    // The open rooms store nothing of it again (it came from the log).
    await a.rooms.get(s.documentId)!.flushed();
    await b.rooms.get(s.documentId)!.flushed();
    expect(await db().documentUpdate.count({ where: { documentId: s.documentId } })).toBe(1);

    // A second apply of the same amendment is refused, and changes nothing.
    expect(await status(recordApplied(s.rapporteur, wording.id, { text: "Data must serve people." }))).toMatch(/^409/);
    expect(await rowsBy(s.documentId, s.rapporteur.id)).toBe(1);
  });

  it("is refused after Final: nothing is stored and the amendment stays pending", async () => {
    const s = await setUp();
    const wording = await s.propose("Data must serve people.");
    await publishMilestone(s.event.id, "DAY4", s.secretariat, new Date());
    await publishMilestone(s.event.id, "FINAL", s.secretariat, new Date());
    expect(await status(recordApplied(s.rapporteur, wording.id, { text: "Data must serve people." }))).toBe("409 window_closed");
    expect(
      await status(
        db().$transaction((tx) => writeDraft(tx, s.rapporteur, s.documentId, (doc) => doc.getText("x").insert(0, "late"))),
      ),
    ).toBe("409 window_closed");
    expect(await rowsBy(s.documentId, s.rapporteur.id)).toBe(0);
    expect((await db().commentThread.findUniqueOrThrow({ where: { id: wording.id } })).appliedAt).toBeNull();
    // Were Final to land between the rights check and the insert, the trigger refuses the row, and the path knows its code.
    const refused = await db()
      .$queryRaw`insert into "DocumentUpdate" ("documentId", "update", "userId") values (${s.documentId}::uuid, ${new Uint8Array([0, 0])}, ${s.rapporteur.id}::uuid)`.catch(
      (error: unknown) => error,
    );
    expect(documentLocked(refused)).toBe(true);
  });

  it("is refused past the document size limit, and for a user who may not edit the draft", async () => {
    const s = await setUp();
    const before = await storedTexts(s.documentId);
    const big = (doc: Y.Doc) => doc.getText("x").insert(0, "x".repeat(5000));
    expect(
      await status(db().$transaction((tx) => writeDraft(tx, s.rapporteur, s.documentId, big, { maxDocumentBytes: 4096 }))),
    ).toBe("413 too_large");
    expect(await status(db().$transaction((tx) => writeDraft(tx, s.participant, s.documentId, big)))).toMatch(/^403/);
    expect(await db().documentUpdate.count({ where: { documentId: s.documentId } })).toBe(0);
    expect(await storedTexts(s.documentId)).toEqual(before);
    // Within the limit, the same writer's edit is stored.
    const small = await db().$transaction((tx) =>
      writeDraft(tx, s.rapporteur, s.documentId, (doc) => doc.getText("x").insert(0, "ok"), { maxDocumentBytes: 1 << 20 }),
    );
    expect(small.changed).toBe(true);
    expect(await rowsBy(s.documentId, s.rapporteur.id)).toBe(1);
  });
});
