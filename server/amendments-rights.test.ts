// @vitest-environment happy-dom
/** Amendments: who may apply or reject them, what a superseded version refuses, and the server applying one for an API client. */
import { describe, expect, it } from "vitest";
import { yMessageTexts } from "@/lib/comments/anchors";
import { amendmentInput, proposeAmendment, recordApplied, rejectAmendment } from "@/lib/comments/amendments";
import { db } from "@/lib/db";
import { publishMilestone } from "@/lib/publishing/publish";
import { until } from "./testing";
import { setUp, connect, status, storedTexts } from "./amendments-harness";

describe("amendments", () => {
  it("may be applied or rejected only by the theme's rapporteurs and the secretariat, and not proposed on a superseded version", async () => {
    const s = await setUp();
    const amendment = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-2", text: "Second, better.", reason: "Clearer." }),
    );
    expect(await status(recordApplied(s.participant.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "403 forbidden",
    );
    expect(await status(recordApplied(s.elsewhere.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "403 forbidden",
    );
    expect(await status(rejectAmendment(s.participant.actor, amendment.id, { reason: "No." }))).toBe("403 forbidden");
    const unchanged = await db().commentThread.findUniqueOrThrow({ where: { id: amendment.id } });
    expect([unchanged.disposition, unchanged.appliedAt]).toEqual(["PENDING", null]);
    // The same words as the version's are not an amendment; a message the version lacks is refused.
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "m-2", text: "Second.", reason: "x" }),
        ),
      ),
    ).toBe("400 invalid");
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "nope", text: "New.", reason: "x" }),
        ),
      ),
    ).toBe("400 invalid");

    const rejected = await rejectAmendment(s.rapporteurA.actor, amendment.id, { reason: "The message was merged into another." });
    expect([rejected.disposition, rejected.dispositionReply]).toEqual(["NOT_TAKEN_UP", "The message was merged into another."]);
    // Not taken up stays not taken up, unless its disposition is set back first.
    expect(await status(recordApplied(s.rapporteurA.actor, amendment.id, { text: "Second, better.", edited: true }))).toBe(
      "409 conflict",
    );

    await publishMilestone(s.event.id, "DAY4", s.secretariat, new Date());
    expect(
      await status(
        proposeAmendment(
          s.participant.actor,
          s.versionId,
          amendmentInput.parse({ messageId: "m-2", text: "Late.", reason: "x" }),
        ),
      ),
    ).toBe("409 superseded");
  });

  it("are applied by the server for an API client without an editor, through the collaboration server, seen at once by open editors", async () => {
    const s = await setUp();
    const wording = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-1", text: "Data must serve people.", reason: "Stronger." }),
    );
    const addition = await proposeAmendment(
      s.participant.actor,
      s.versionId,
      amendmentInput.parse({ messageId: "m-2", text: "A last word.", reason: "Missing.", newMessage: true }),
    );
    const b = await connect(s.rapporteurB, s.documentId);
    const user = { ...s.rapporteurA, siteAdmin: false };
    const applied = await recordApplied(user, wording.id, { text: "Data must serve people." });
    expect(applied.disposition).toBe("INCORPORATED");
    // Stored before the answer, and already in the open editor's copy.
    expect((await storedTexts(s.documentId)).get("m-1")).toBe("Data must serve people.");
    await until(() => yMessageTexts(b.doc).get("m-1") === "Data must serve people.", "B sees the applied wording");
    const added = await recordApplied(user, addition.id, { text: "A last word." });
    expect((await storedTexts(s.documentId)).get(added.appliedMessageId!)).toBe("A last word.");
    // Applying it again adds nothing (the id is derived from the amendment); the record refuses a second apply.
    expect(await status(recordApplied(user, addition.id, { text: "A last word." }))).toMatch(/^409/);
    expect([...(await storedTexts(s.documentId)).values()].filter((t) => t === "A last word.")).toHaveLength(1);
  });
});
