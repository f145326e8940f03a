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
    expect(await documentAccess(user, "not-a-uuid")).toEqual({ mode: "none", reason: "No such document." });
  });
});
