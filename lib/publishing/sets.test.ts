import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { publishMilestone } from "./publish";
import { sha256Hex } from "./render";
import { findSet, listSets } from "./sets";

describe("message sets", () => {
  it("publish a manifest per milestone naming every theme's version by its hash, in theme order", async () => {
    const event = await makeEvent(db(), { themes: ["Alpha", "Beta", "Gamma"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    await db().event.update({ where: { id: event.id }, data: { messagesMethod: "Drawn from the sessions." } });
    expect(await listSets(event.slug)).toEqual([]);
    expect(await findSet(event.slug, "latest")).toBeNull();

    const day3 = await publishMilestone(event.id, "DAY3", secretariat, new Date("2026-11-28T07:00:00Z"));
    const day4 = await publishMilestone(event.id, "DAY4", secretariat, new Date("2026-11-29T07:00:00Z"));
    const set = (await findSet(event.slug, "day-3"))!;
    // The hash is over the exact bytes served.
    expect(sha256Hex(set.manifestJson)).toBe(day3.setSha256);
    expect(set.manifest).toEqual({
      event: { slug: event.slug, name: event.name, place: event.place },
      milestone: "day-3",
      label: "Day 3 draft messages",
      publishedAt: "2026-11-28T07:00:00.000Z",
      method: "Drawn from the sessions.",
      themes: day3.versions.map((v, i) => ({
        theme: `theme-${i + 1}`,
        title: ["Alpha", "Beta", "Gamma"][i],
        version: 1,
        versionId: v.versionId,
        sha256: v.sha256,
      })),
    });
    expect(set.versions.map((v) => v.frozen.title)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect((await findSet(event.slug, "latest"))!.sha256).toBe(day4.setSha256);
    expect((await listSets(event.slug))!.map((s) => [s.milestone, s.label, s.sha256, s.themes])).toEqual([
      ["day-3", "Day 3 draft messages", day3.setSha256, 3],
      ["day-4", "Day 4 draft messages", day4.setSha256, 3],
    ]);
    expect(await findSet(event.slug, "final")).toBeNull();
    expect(await findSet(event.slug, "nonsense")).toBeNull();
    expect(await listSets("no-such-event")).toBeNull();
  });
});
