import pg from "pg";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appendUpdates } from "@/lib/drafts/append";
import { documentLocked } from "@/lib/drafts/draft-store";
import { loadDraft } from "@/lib/drafts/store";
import { publishMilestone } from "@/lib/publishing/publish";
import { makeEvent, makeUser } from "@/lib/testing/factories";
import { until } from "@/server/testing";

async function makeVersion() {
  const event = await makeEvent(db());
  const user = await makeUser(db());
  const milestone = await db().milestone.findFirstOrThrow({ where: { eventId: event.id, kind: "DAY3" } });
  const document = event.themes[0].document!;
  const version = await db().version.create({
    data: {
      documentId: document.id,
      milestoneId: milestone.id,
      number: 1,
      label: "Day 3 draft",
      state: document.state,
      canonicalJson: "{}",
      html: "<p></p>",
      markdown: "",
      sha256: "0".repeat(64),
      publisherId: user.id,
      publisherName: user.name,
    },
  });
  return { version, document };
}

describe("database triggers", () => {
  it("refuse UPDATE of a version in SQL", async () => {
    const { version } = await makeVersion();
    await expect(db().$executeRawUnsafe(`UPDATE "Version" SET label = 'tampered' WHERE id = '${version.id}'`)).rejects.toThrow(
      /versions are immutable/,
    );
    expect((await db().version.findUniqueOrThrow({ where: { id: version.id } })).label).toBe("Day 3 draft");
  });

  it("refuse DELETE and TRUNCATE of versions in SQL", async () => {
    const { version } = await makeVersion();
    await expect(db().$executeRawUnsafe(`DELETE FROM "Version" WHERE id = '${version.id}'`)).rejects.toThrow(
      /versions are immutable/,
    );
    await expect(db().$executeRawUnsafe(`TRUNCATE "Version" CASCADE`)).rejects.toThrow(/versions are immutable/);
    expect(await db().version.count({ where: { id: version.id } })).toBe(1);
  });

  it("refuse update-log inserts for a locked document", async () => {
    const { document } = await makeVersion();
    await db().documentUpdate.create({ data: { documentId: document.id, update: new Uint8Array([0, 0]) } });
    await db().document.update({ where: { id: document.id }, data: { locked: true } });
    await expect(
      db().documentUpdate.create({ data: { documentId: document.id, update: new Uint8Array([0, 0]) } }),
    ).rejects.toThrow(/is locked/);
    expect(await db().documentUpdate.count({ where: { documentId: document.id } })).toBe(1);
  });

  it("refuse them with SQLSTATE RP001, by which the collaboration server tells a lost race to Final from any other failure", async () => {
    const { document } = await makeVersion();
    await db().document.update({ where: { id: document.id }, data: { locked: true } });
    const refusal = await appendUpdates(document.id, [{ update: new Uint8Array([0, 0]), userId: null }]).catch((e: unknown) => e);
    expect((refusal as { code?: string }).code).toBe("RP001");
    expect(documentLocked(refusal)).toBe(true);
    expect(documentLocked(new Error("document x is locked: its text is final"))).toBe(false);
  });

  it("an edit that arrives while Final's freeze holds between reading the log and locking is refused or in the version", async () => {
    const event = await makeEvent(db());
    const document = event.themes[0].document!;
    const user = await makeUser(db());
    await publishMilestone(event.id, "DAY3", null);
    await publishMilestone(event.id, "DAY4", null);

    // Hold the freeze after it has read the log: its INSERT of the version waits on this table lock.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    // Backends waiting for a lock: on the Version table (the held freeze), or on a row (an insert queued behind it).
    const waiting = async (on: "version" | "row") =>
      (
        await holder.query<{ n: number }>(
          on === "version"
            ? `select count(*)::int as n from pg_locks where not granted and relation = '"Version"'::regclass`
            : `select count(*)::int as n from pg_locks where not granted and locktype in ('transactionid', 'tuple')`,
        )
      ).rows[0].n;
    try {
      await holder.query("begin");
      await holder.query(`lock table "Version" in share row exclusive mode`);
      const freeze = publishMilestone(event.id, "FINAL", null);
      await until(async () => (await waiting("version")) > 0, "the freeze waits after reading the log");

      // Meanwhile an edit reaches the update log from another connection.
      const ydoc = await loadDraft(document.id);
      const before = Y.encodeStateVector(ydoc);
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("a late edit")]);
      ydoc.getXmlFragment("default").insert(0, [paragraph]);
      let outcome: string | null = null;
      const insert = appendUpdates(document.id, [{ update: Y.encodeStateAsUpdate(ydoc, before), userId: user.id }]).then(
        () => (outcome = "stored"),
        (error: unknown) => (outcome = String(error)),
      );
      // Either it is stored at once (then the freeze must not have read the log yet) or it waits for the freeze.
      await until(async () => outcome !== null || (await waiting("row")) > 0, "the edit is stored or waits");
      await holder.query("commit");
      await Promise.all([insert, freeze]);

      const final = await db().version.findFirstOrThrow({ where: { documentId: document.id, milestone: { kind: "FINAL" } } });
      const frozen = new Y.Doc();
      Y.applyUpdate(frozen, final.state);
      const inVersion = frozen.getXmlFragment("default").toString().includes("a late edit");
      const stored = (await loadDraft(document.id)).getXmlFragment("default").toString().includes("a late edit");
      expect({ stored, inVersion, outcome }).toEqual(
        stored
          ? { stored: true, inVersion: true, outcome: "stored" }
          : { stored: false, inVersion: false, outcome: expect.stringMatching(/is locked/) },
      );
    } finally {
      await holder.end();
    }
  });
});
