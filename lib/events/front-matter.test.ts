import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishMilestone } from "@/lib/publishing/publish";
import { canonicalJson, parseFrozen, sha256Hex } from "@/lib/publishing/render";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { freezeFrontMatter, frontMatterInput, readFrontMatter, updateFrontMatter, type FrontMatter } from "./front-matter";
import { questionsFromText, questionsToText } from "./front-matter-text";
import { SDGS } from "./sdgs";

const sample: FrontMatter = {
  about: ["Why trust matters.", "How networks stay up."],
  sdgs: [16, 9],
  tags: ["Encryption", "Cyber attacks"],
  questions: [{ heading: "Trust and accountability", questions: ["Who answers for a failure?", "How are norms checked?"] }],
};

describe("theme front matter", () => {
  it("accepts the 17 goals by number, and refuses unknown or repeated goals, repeated tags and empty groups", () => {
    expect(SDGS).toHaveLength(17);
    expect(SDGS[15]).toBe("Peace, Justice and Strong Institutions");
    expect(frontMatterInput.parse(sample)).toEqual(sample);
    expect(frontMatterInput.parse({})).toEqual({ about: [], sdgs: [], tags: [], questions: [] });
    const refused = (value: unknown) => frontMatterInput.safeParse(value).error?.issues[0]?.message;
    expect(refused({ sdgs: [18] })).toBe("Goals are numbered 1 to 17.");
    expect(refused({ sdgs: [0] })).toBe("Goals are numbered 1 to 17.");
    expect(refused({ sdgs: [4, 4] })).toBe("A goal is listed twice.");
    expect(refused({ tags: ["Privacy", "privacy"] })).toBe("A tag is listed twice.");
    expect(refused({ about: ["  "] })).toBe("An item is empty.");
    expect(refused({ questions: [{ heading: "Rights", questions: [] }] })).toBe("A heading needs at least one question.");
    expect(refused({ colour: "red" })).toBeDefined();
  });

  it("freezes goals in order with their names", () => {
    expect(freezeFrontMatter(sample).sdgs).toEqual([
      { number: 9, name: "Industry, Innovation and Infrastructure" },
      { number: 16, name: "Peace, Justice and Strong Institutions" },
    ]);
    expect(readFrontMatter({})).toEqual({ about: [], sdgs: [], tags: [], questions: [] });
    expect(readFrontMatter("garbage")).toEqual({ about: [], sdgs: [], tags: [], questions: [] });
  });

  it("reads policy questions from the editor's text and writes them back", () => {
    const text =
      "# Trust and accountability\nWho answers for a failure?\n- How are norms checked?\n\n#  Infrastructure \nWhat needs protecting?";
    const parsed = questionsFromText(text);
    expect(parsed).toEqual({
      groups: [
        { heading: "Trust and accountability", questions: ["Who answers for a failure?", "How are norms checked?"] },
        { heading: "Infrastructure", questions: ["What needs protecting?"] },
      ],
    });
    if (!("groups" in parsed)) throw new Error("unreachable");
    expect(questionsFromText(questionsToText(parsed.groups))).toEqual(parsed);
    expect(questionsFromText("A question first?")).toEqual({
      error: 'Line 1: start with a heading line, such as "# Trust and accountability".',
    });
    expect(questionsFromText("# Lonely\n\n# Next\nQ?")).toEqual({ error: 'The heading "Lonely" has no questions under it.' });
    expect(questionsFromText("")).toEqual({ groups: [] });
  });

  it("is frozen into every version, under its hash; later edits change only later versions", async () => {
    const event = await makeEvent(db(), { themes: ["One"] });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    await updateFrontMatter(secretariat, event.id, event.themes[0].id, sample);
    const audit = await db().auditEvent.findFirst({ where: { eventId: event.id, action: "theme.front-matter" } });
    expect(audit?.target).toBe("One");

    await publishMilestone(event.id, "DAY3", secretariat);
    await updateFrontMatter(secretariat, event.id, event.themes[0].id, { ...sample, about: ["Rewritten."] });
    await publishMilestone(event.id, "DAY4", secretariat);
    const [day3, day4] = await db().version.findMany({
      where: { documentId: event.themes[0].document!.id },
      orderBy: { number: "asc" },
    });
    const frozen3 = parseFrozen(day3.canonicalJson);
    expect(frozen3.frontMatter).toEqual(freezeFrontMatter(sample));
    expect(parseFrozen(day4.canonicalJson).frontMatter?.about).toEqual(["Rewritten."]);
    // The hash is over the canonical JSON, front matter included.
    expect(day3.sha256).toBe(sha256Hex(canonicalJson(frozen3)));
    expect(day3.sha256).not.toBe(sha256Hex(canonicalJson({ ...frozen3, frontMatter: undefined })));
  });
});
