/** The collaboration server and the helpers the amendments*.test.ts files share: a draft with two messages published as Day 3, editors bound to it. */
import { EditorState } from "@tiptap/pm/state";
import { EditorView } from "@tiptap/pm/view";
import { ySyncPlugin } from "@tiptap/y-tiptap";
import { afterAll, beforeAll } from "vitest";
import { yMessageTexts } from "@/lib/comments/anchors";
import { db } from "@/lib/db";
import { documentJsonToUpdate, messageIdsPlugin } from "@/lib/documents";
import { messageDocumentSchema } from "@/lib/documents/schema";
import { documentFragment } from "@/lib/documents/ydoc";
import { loadDraft } from "@/lib/drafts/store";
import { DomainError } from "@/lib/errors";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import type { CollabServer } from "./collab-server";
import { TEST_SECRET, connectClient, sessionCookie, startTestServer, until, type TestClient } from "./testing";

export let server: CollabServer;
export const clients: TestClient[] = [];
export const views: EditorView[] = [];
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

export const SENTENCE = "Data should serve people.";

export async function setUp() {
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

export async function connect(user: { id: string; name: string; email: string; sessionVersion: number }, documentId: string) {
  const client = connectClient(server.port, documentId, await sessionCookie(user));
  clients.push(client);
  await until(() => client.provider.synced, "client synced");
  return client;
}

/** An editor as the browser has it: a ProseMirror view bound to the client's Y.Doc. */
export function editorOn(client: TestClient) {
  const view = new EditorView(document.createElement("div"), {
    state: EditorState.create({
      schema: messageDocumentSchema,
      plugins: [ySyncPlugin(documentFragment(client.doc)), messageIdsPlugin()],
    }),
  });
  views.push(view);
  return view;
}

export const status = (promise: Promise<unknown>) =>
  promise.then(
    () => 200,
    (e: unknown) => (e instanceof DomainError ? `${e.status} ${e.code}` : String(e)),
  );

export async function storedTexts(documentId: string) {
  const ydoc = await loadDraft(documentId);
  try {
    return yMessageTexts(ydoc);
  } finally {
    ydoc.destroy();
  }
}
