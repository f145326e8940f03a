import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { joinAsParticipant, signUpParticipant, signupInput } from "@/lib/events/signup";
import { makeEvent, makeUser } from "@/lib/testing/factories";

describe("self sign-up as participant", () => {
  it("creates a participant account when the event allows it, and is refused otherwise", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const closed = await makeEvent(db());
    const input = signupInput.parse({ email: "Walk.In@Example.test", name: "Walk In", password: "a long password" });

    await expect(signUpParticipant(closed.slug, input)).rejects.toThrow("This event does not take sign-ups");
    expect(await db().user.count({ where: { email: "walk.in@example.test" } })).toBe(0);

    await signUpParticipant(open.slug, input);
    const user = await db().user.findUniqueOrThrow({ where: { email: "walk.in@example.test" }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ eventId: open.id, role: "PARTICIPANT" }]);
    expect(await db().auditEvent.count({ where: { eventId: open.id, action: "participant.signup" } })).toBe(1);
    await expect(signUpParticipant(open.slug, input)).rejects.toThrow(/exists already/);
  });

  it("lets a signed-in user join an open event once", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const user = await makeUser(db());
    await joinAsParticipant(user, open.slug);
    await expect(joinAsParticipant(user, open.slug)).rejects.toThrow(/already a member/);
  });
});
