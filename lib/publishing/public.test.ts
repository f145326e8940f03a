import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { archiveTheme } from "@/lib/events/themes";
import { findVersion, publicEvent, versionById } from "@/lib/publishing/public";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";

describe("public versions", () => {
  it("stay public at their addresses when their theme is archived, and are listed apart", async () => {
    const event = await makeEvent(db(), { themes: ["Kept", "Retired"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    const { versions } = await publishMilestone(event.id, "DAY3", secretariat);
    const retired = event.themes[1];
    await archiveTheme(secretariat, event.id, retired.id);

    const byId = versions.find((v) => v.documentId === retired.document!.id)!;
    expect((await versionById(byId.versionId))?.id).toBe(byId.versionId);
    expect((await findVersion(event.slug, "day-3", retired.slug))?.id).toBe(byId.versionId);
    expect((await findVersion(event.slug, "latest", retired.slug))?.id).toBe(byId.versionId);
    const listed = await publicEvent(event.slug);
    expect(listed?.themes.map((t) => [t.slug, t.archived, t.versions.length])).toEqual([
      [event.themes[0].slug, false, 1],
      [retired.slug, true, 1],
    ]);
  });
});
