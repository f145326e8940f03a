// @vitest-environment happy-dom
/**
 * Amendments end to end below the browser: proposed on the Day 3 version,
 * applied by a rapporteur's editor (a ProseMirror view bound to Yjs, as in the
 * browser) through the real collaboration server while a second rapporteur
 * types in the same message, then published with Day 4.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { yMessageTexts } from "@/lib/comments/anchors";
import { applyAmendment } from "@/lib/comments/amend";
import { amendmentInput, proposeAmendment, recordApplied } from "@/lib/comments/amendments";
import { draftThreads, versionThreads } from "@/lib/comments/read";
import { db } from "@/lib/db";
import { documentFragment } from "@/lib/documents/ydoc";
import { compareVersions } from "@/lib/publishing/compare";
import { publishMilestone } from "@/lib/publishing/publish";
import { parseFrozen } from "@/lib/publishing/render";
import { until } from "./testing";
import { SENTENCE, setUp, connect, editorOn, status, storedTexts } from "./amendments-harness";

describe("amendments", () => {
  it("are applied through the collaboration server while another rapporteur types in the message, and reach Day 4", async () => {
    const s = await setUp();
    const wording = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must serve all people.", reason: "Stronger." }),
    );
    const addition = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must be kept safe.", reason: "Missing.", newMessage: true }),
    );
    // Public on the version page, with its diff.
    const shown = (await versionThreads(null, s.versionId)).threads.find((t) => t.id === wording.id)!;
    expect(shown.kind).toBe("AMENDMENT");
    expect(shown.amendment!.diff.filter((p) => p.change === "added").map((p) => p.text)).toEqual(["must", "all "]);

    const a = await connect(s.rapporteurA, s.documentId);
    const b = await connect(s.rapporteurB, s.documentId);
    const view = editorOn(a);
    await until(() => view.state.doc.childCount === 3, "editor bound");

    // Beside the draft: B has already typed at the end of the message, so the draft moved on since Day 3.
    const run = () => ((documentFragment(b.doc).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    run().insert(SENTENCE.length, " Everywhere.");
    await until(async () => (await storedTexts(s.documentId)).get("m-1") === SENTENCE + " Everywhere.", "B's edit stored");
    await until(() => yMessageTexts(a.doc).get("m-1") === SENTENCE + " Everywhere.", "A sees B's edit");
    const input = (await draftThreads(s.rapporteurA.actor, s.documentId)).input.find((t) => t.id === wording.id)!;
    expect(input.messageState).toBe("changed");
    expect(input.draft!.text).toBe(SENTENCE + " Everywhere.");

    // A applies the wording (edited: "all" dropped) while B types at the start of the same message.
    const applied = "Data must serve people. Everywhere.";
    const result = applyAmendment(view.state, { messageId: "m-1", text: applied, newMessage: false })!;
    run().insert(0, "Indeed, ");
    view.dispatch(result.tr);
    await until(
      () =>
        yMessageTexts(a.doc).get("m-1") === yMessageTexts(b.doc).get("m-1") &&
        yMessageTexts(a.doc).get("m-1")!.startsWith("Indeed"),
      "both replicas converge",
    );
    expect(yMessageTexts(b.doc).get("m-1")).toBe("Indeed, " + applied);
    expect(yMessageTexts(a.doc).get("m-2")).toBe("Second.");
    const recorded = await recordApplied(s.rapporteurA.actor, wording.id, { text: applied, edited: true });
    expect(recorded.disposition).toBe("PARTLY_INCORPORATED");
    expect(recorded.appliedBy).toBe(s.rapporteurA.name);
    expect(await status(recordApplied(s.rapporteurB.actor, wording.id, { text: applied, edited: true }))).toMatch(/^409/);

    // The new message goes in after m-1; the other rapporteur's copy has it at once.
    const added = applyAmendment(view.state, { messageId: "m-1", text: "Data must be kept safe.", newMessage: true })!;
    view.dispatch(added.tr);
    await until(() => yMessageTexts(b.doc).get(added.messageId) === "Data must be kept safe.", "B sees the new message");
    expect(
      (
        await recordApplied(s.rapporteurA.actor, addition.id, {
          text: "Data must be kept safe.",
          messageId: added.messageId,
          edited: true,
        })
      ).disposition,
    ).toBe("INCORPORATED");
    await until(async () => (await storedTexts(s.documentId)).get(added.messageId) === "Data must be kept safe.", "stored");

    const day4 = await publishMilestone(s.event.id, "DAY4", s.secretariat, new Date());
    const version = await db().version.findUniqueOrThrow({
      where: { id: day4.versions.find((v) => v.documentId === s.documentId)!.versionId },
    });
    const frozen = parseFrozen(version.canonicalJson);
    const day3 = parseFrozen((await db().version.findUniqueOrThrow({ where: { id: s.versionId } })).canonicalJson);
    const changes = compareVersions(day3.content, frozen.content);
    expect(changes.map((c) => [c.messageId === added.messageId ? "new" : c.messageId, c.kind])).toEqual([
      ["m-1", "changed"],
      ["new", "added"],
      ["m-2", "unchanged"],
    ]);
    expect(
      changes[0].words
        .filter((w) => w.change === "added")
        .map((w) => w.text)
        .join(""),
    ).toContain("must");
  });
});
