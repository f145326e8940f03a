import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { documentAccess } from "@/lib/permissions";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";

describe("documentAccess reads roles from the database at each check", () => {
  it("follows a membership change at once", async () => {
    const event = await makeEvent(db(), { themes: ["One", "Two"] });
    const user = await makeUser(db());
    const [one, two] = event.themes.map((t) => t.document!.id);
    expect((await documentAccess(user, one)).mode).toBe("none");

    await addMember(db(), user.id, event.id, "RAPPORTEUR", [event.themes[0].id]);
    expect((await documentAccess(user, one)).mode).toBe("write");
    expect(await documentAccess(user, two)).toMatchObject({ mode: "read" });

    await db().membership.deleteMany({ where: { userId: user.id } });
    expect((await documentAccess(user, one)).mode).toBe("none");
  });

  it("treats a malformed id as a missing document", async () => {
    const user = await makeUser(db());
    expect(await documentAccess(user, "not-a-uuid")).toEqual({ mode: "none", code: "not_found", reason: "No such document." });
  });
});

describe("sessionDocumentAccess (the collaboration server's one-query check)", () => {
  it("agrees with userForToken and documentAccess in every case", async () => {
    const { sessionDocumentAccess } = await import("@/lib/permissions");
    const { userForToken } = await import("@/lib/auth/user");
    const event = await makeEvent(db(), { themes: ["One", "Two"] });
    const watched = await makeEvent(db(), { participantsWatchDrafts: true });
    const [one, two] = event.themes.map((t) => t.document!.id);
    const locked = watched.themes[0].document!.id;
    await db().document.update({ where: { id: locked }, data: { locked: true } });
    const archived = (await makeEvent(db())).themes[0];
    await db().document.update({ where: { id: archived.document!.id }, data: { archived: true } });

    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    await addMember(db(), secretariat.id, archived.eventId, "SECRETARIAT");
    const limited = await makeUser(db());
    await addMember(db(), limited.id, event.id, "RAPPORTEUR", [event.themes[0].id]);
    const participant = await makeUser(db());
    await addMember(db(), participant.id, event.id, "PARTICIPANT");
    await addMember(db(), participant.id, watched.id, "PARTICIPANT");
    const admin = await makeUser(db(), { siteAdmin: true });
    const stranger = await makeUser(db());
    const unverified = await db().user.update({ where: { id: (await makeUser(db())).id }, data: { emailVerifiedAt: null } });
    const gone = await db().user.update({ where: { id: (await makeUser(db())).id }, data: { archived: true } });

    const users = [secretariat, limited, participant, admin, stranger, unverified, gone];
    const documents = [one, two, locked, archived.document!.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"];
    const sequential: unknown[] = [];
    for (const user of users) {
      for (const sv of [user.sessionVersion, user.sessionVersion + 1]) {
        const claims = { uid: user.id, sv };
        const expectedUser = await userForToken(claims);
        for (const documentId of documents) {
          const checked = await sessionDocumentAccess(claims, documentId);
          sequential.push(checked);
          if (!expectedUser) {
            expect(checked, `${user.email} sv ${sv}`).toBeNull();
            continue;
          }
          expect(checked?.user).toEqual(expectedUser);
          expect(checked?.access, `${user.email} on ${documentId}`).toEqual(await documentAccess(expectedUser, documentId));
        }
      }
    }
    // Asked all at once, they share queries (one per document, 500 sessions each) and answer the same.
    const together = await Promise.all(
      users.flatMap((user) =>
        [user.sessionVersion, user.sessionVersion + 1].flatMap((sv) =>
          documents.map((documentId) => sessionDocumentAccess({ uid: user.id, sv }, documentId)),
        ),
      ),
    );
    expect(together).toEqual(sequential);
    const crowd = await Promise.all(
      Array.from({ length: 1200 }, (_, i) =>
        sessionDocumentAccess({ uid: participant.id, sv: participant.sessionVersion + (i % 2) }, locked),
      ),
    );
    expect(crowd.filter((c) => c === null)).toHaveLength(600);
    expect(new Set(crowd.filter((c) => c !== null).map((c) => JSON.stringify(c)))).toEqual(
      new Set([JSON.stringify(await sessionDocumentAccess({ uid: participant.id, sv: participant.sessionVersion }, locked))]),
    );
    // The cases above include each outcome.
    const outcomes = new Set<string>();
    for (const documentId of documents) {
      for (const user of [secretariat, limited, participant]) {
        outcomes.add((await sessionDocumentAccess({ uid: user.id, sv: user.sessionVersion }, documentId))!.access.mode);
      }
    }
    expect([...outcomes].sort()).toEqual(["none", "read", "write"]);
  });
});
