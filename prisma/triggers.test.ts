import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeEvent, makeUser } from "@/lib/testing/factories";

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
});
