/** The collaboration server with real sockets and stock providers: co-editing, refused upgrades, read-only sockets, presence. */
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { FRAME } from "@/lib/collab/protocol";
import { db } from "@/lib/db";
import { makeEvent } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import { connectClient, startServerProcess, textOf, until } from "./testing";
import {
  server,
  clients,
  metric,
  setUp,
  member,
  connect,
  synced,
  typeInto,
  storedText,
  rawSocket,
  upgradeStatus,
  updateFrame,
  docWith,
} from "./collab-harness";

describe("co-editing through the collaboration server", () => {
  it("two and then ten clients converge, and a fresh server loads the same content after compaction", async () => {
    const { event, documentId } = await setUp();
    const people = await Promise.all(Array.from({ length: 10 }, () => member(event.id, "RAPPORTEUR")));
    const [a, b] = people.slice(0, 2).map((p) => connect(documentId, p.cookie));
    await Promise.all([synced(a), synced(b)]);
    typeInto(a, "from A");
    typeInto(b, "from B");
    await until(
      () => textOf(a.doc) === textOf(b.doc) && textOf(a.doc).includes("from A") && textOf(a.doc).includes("from B"),
      "two converge",
    );

    const rest = people.slice(2).map((p) => connect(documentId, p.cookie));
    await Promise.all(rest.map(synced));
    const all = [a, b, ...rest];
    all.forEach((client, i) => typeInto(client, `line ${i}`));
    const expected = () => textOf(a.doc);
    await until(
      () => all.every((c) => textOf(c.doc) === expected()) && all.every((_, i) => expected().includes(`line ${i}`)),
      "ten converge",
    );
    await until(
      () =>
        all.every(
          (c) =>
            (c.stored.get(c.doc.clientID) ?? 0) >= (Y.decodeStateVector(Y.encodeStateVector(c.doc)).get(c.doc.clientID) ?? 0),
        ),
      "all stored",
    );
    const final = expected();

    // Everyone leaves: the room stores, compacts (log merged into the state) and closes.
    all.forEach((c) => c.provider.disconnect());
    await until(
      async () => (await db().documentUpdate.count({ where: { documentId } })) === 0 && !server.rooms.has(documentId),
      "compacted",
    );

    // A fresh server process, which has only the database to go by.
    const port = await freePort();
    const fresh = await startServerProcess(process.env.DATABASE_URL!, port);
    try {
      const reader = connectClient(port, documentId, people[0].cookie);
      clients.push(reader);
      await synced(reader);
      expect(textOf(reader.doc)).toBe(final);
    } finally {
      fresh.kill("SIGTERM");
    }
  }, 60_000);

  it("stores each update with its author's id", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    const client = connect(documentId, rapporteur.cookie);
    await synced(client);
    typeInto(client, "signed work");
    await until(() => (client.stored.get(client.doc.clientID) ?? 0) > 0, "stored");
    const rows = await db().documentUpdate.findMany({ where: { documentId } });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === rapporteur.user.id)).toBe(true);
  });
});

describe("upgrade refusals", () => {
  it("answers 401 without a session and 403 for a document outside the user's events", async () => {
    const { documentId } = await setUp();
    expect(await upgradeStatus(documentId)).toBe(401);
    expect(await upgradeStatus(documentId, "next-auth.session-token=forged")).toBe(401);
    const other = await makeEvent(db());
    const outsider = await member(other.id, "RAPPORTEUR");
    expect(await upgradeStatus(documentId, outsider.cookie)).toBe(403);
    // A participant of the event, without the watch setting: 403 too.
    const { event, documentId: d2 } = await setUp();
    const participant = await member(event.id, "PARTICIPANT");
    expect(await upgradeStatus(d2, participant.cookie)).toBe(403);
  });

  it("refuses a token whose session version is older (401)", async () => {
    const { event, documentId } = await setUp();
    const rapporteur = await member(event.id, "RAPPORTEUR");
    await db().user.update({ where: { id: rapporteur.user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await upgradeStatus(documentId, rapporteur.cookie)).toBe(401);
  });
});

describe("read-only sockets change nothing", () => {
  it("ignores a watcher's sync step 2, updates and awareness claiming another client's id", async () => {
    const { event, documentId } = await setUp({ watch: true });
    const writer = await member(event.id, "RAPPORTEUR");
    const watcher = await member(event.id, "PARTICIPANT");
    const third = connect(documentId, writer.cookie);
    await synced(third);
    typeInto(third, "original");
    await until(() => (third.stored.get(third.doc.clientID) ?? 0) > 0, "original stored");
    await until(() => third.provider.awareness.getStates().size > 0, "own presence");

    const raw = await rawSocket(documentId, watcher.cookie);
    await until(() => raw.frames.some((f) => f[0] === FRAME.RIGHTS), "rights frame");
    const { update } = docWith("INJECTED");
    raw.ws.send(updateFrame(update, "update"));
    raw.ws.send(updateFrame(update, "step2"));
    // Awareness claiming the writer's client id and name.
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = third.doc.clientID;
    fake.setLocalState({ user: { name: "Impostor" } });
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, FRAME.AWARENESS);
    encoding.writeVarUint8Array(awareness, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    raw.ws.send(encoding.toUint8Array(awareness));
    // A later frame from the writer proves the watcher's frames were handled before it.
    const before = await metric("rapporteur_collab_frames_refused_total");
    await until(async () => (await metric("rapporteur_collab_frames_refused_total")) >= before, "frames handled");
    typeInto(third, "after");
    await until(async () => (await storedText(documentId)).includes("after"), "later edit stored");

    expect(textOf(third.doc)).not.toContain("INJECTED");
    expect(await storedText(documentId)).not.toContain("INJECTED");
    const names = [...third.provider.awareness.getStates().values()].map((s) => (s.user as { name?: string } | undefined)?.name);
    expect(names).not.toContain("Impostor");
    expect(await metric("rapporteur_collab_frames_refused_total")).toBeGreaterThanOrEqual(3);
    raw.ws.close();
  });
});

describe("presence", () => {
  it("shows the session's name, whatever name a client announces", async () => {
    const { event, documentId } = await setUp();
    const a = await member(event.id, "RAPPORTEUR");
    const b = await member(event.id, "RAPPORTEUR");
    const alice = connect(documentId, a.cookie);
    const bob = connect(documentId, b.cookie);
    await Promise.all([synced(alice), synced(bob)]);
    alice.provider.awareness.setLocalStateField("user", { name: "The Secretary-General", color: "#000" });
    await until(() => {
      const state = bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { name: string } } | undefined;
      return state?.user?.name === a.user.name;
    }, "alice shown with her own name to bob");
  });
});
