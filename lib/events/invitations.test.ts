import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import {
  acceptInvitation,
  emailsFromCsv,
  invite,
  inviteInput,
  inviteMany,
  registerWithInvitation,
} from "@/lib/events/invitations";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";

async function eventWithSecretariat() {
  const event = await makeEvent(db(), { themes: ["One", "Two"] });
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  return { event, secretariat };
}
const tokenOf = (path: string) => path.split("/").pop()!;

describe("invitations", () => {
  it("a new person registers once; the link cannot be reused", async () => {
    const { event, secretariat } = await eventWithSecretariat();
    const issued = await invite(
      secretariat,
      event.id,
      inviteInput.parse({ email: " New@Example.test ", role: "RAPPORTEUR", themeIds: [event.themes[1].id] }),
    );
    expect(issued.email).toBe("new@example.test");
    const token = tokenOf(issued.path);
    // Only the hash of the token is stored.
    expect(await db().invitation.count({ where: { tokenHash: token } })).toBe(0);

    await registerWithInvitation(token, { name: "Nia", password: "a long password" });
    const user = await db().user.findUniqueOrThrow({ where: { email: "new@example.test" }, include: { memberships: true } });
    expect(user.memberships).toMatchObject([{ eventId: event.id, role: "RAPPORTEUR", themeIds: [event.themes[1].id] }]);
    await expect(registerWithInvitation(token, { name: "Again", password: "a long password" })).rejects.toThrow(
      "This invitation has already been used.",
    );
  });

  it("an expired invitation is refused and changes nothing", async () => {
    const { event, secretariat } = await eventWithSecretariat();
    const issued = await invite(secretariat, event.id, { email: "late@example.test", role: "PARTICIPANT", themeIds: [] });
    await db().invitation.updateMany({ where: { email: "late@example.test" }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(registerWithInvitation(tokenOf(issued.path), { name: "Late", password: "a long password" })).rejects.toThrow(
      /expired/,
    );
    expect(await db().user.count({ where: { email: "late@example.test" } })).toBe(0);
  });

  it("an existing account accepts while signed in as that address, keeping its password", async () => {
    const { event, secretariat } = await eventWithSecretariat();
    const existing = await makeUser(db());
    const other = await makeUser(db());
    const issued = await invite(secretariat, event.id, { email: existing.email, role: "RAPPORTEUR", themeIds: [] });
    const token = tokenOf(issued.path);

    await expect(registerWithInvitation(token, { name: "Hijack", password: "hijacked password" })).rejects.toThrow(
      /exists already/,
    );
    await expect(acceptInvitation(other, token)).rejects.toThrow(`This invitation is for ${existing.email}`);
    await acceptInvitation(existing, token);

    const after = await db().user.findUniqueOrThrow({ where: { id: existing.id } });
    expect(await verifyPassword(after.passwordHash, TEST_PASSWORD)).toBe(true);
    expect(after.name).toBe(existing.name);
    expect(await db().membership.count({ where: { userId: existing.id, eventId: event.id } })).toBe(1);
  });

  it("refuses theme lists naming another event's themes, and writes no audit entry then", async () => {
    const { event, secretariat } = await eventWithSecretariat();
    const other = await makeEvent(db());
    const before = await db().auditEvent.count({ where: { eventId: event.id } });
    await expect(
      invite(secretariat, event.id, { email: "x@example.test", role: "RAPPORTEUR", themeIds: [other.themes[0].id] }),
    ).rejects.toThrow(/not part of this event/);
    expect(await db().auditEvent.count({ where: { eventId: event.id } })).toBe(before);
  });

  it("bulk invitations from a CSV, each with its audit entry in the same transaction", async () => {
    const { event, secretariat } = await eventWithSecretariat();
    const result = await inviteMany(secretariat, event.id, {
      csv: `Email,Name\none@example.test,One\n"two@example.test","Two, Jr."\nnonsense\n${secretariat.email}\none@example.test`,
      role: "PARTICIPANT",
      themeIds: [],
    });
    expect(result.invited.map((i) => i.email)).toEqual(["one@example.test", "two@example.test"]);
    expect(result.skipped).toEqual([{ email: secretariat.email, skipped: "already a member (secretariat)" }]);
    expect(result.invalid).toEqual(["nonsense"]);
    expect(await db().auditEvent.count({ where: { eventId: event.id, action: "invitation.create" } })).toBe(2);
  });
});

describe("reading e-mail addresses from a CSV", () => {
  it("takes the cell with an address, skips a header and blank lines, reports the rest", () => {
    expect(emailsFromCsv("name;email\n\nAnn,ann@example.test\nbob@example.test\n,\nzed")).toEqual({
      emails: ["ann@example.test", "bob@example.test"],
      invalid: ["zed"],
    });
  });
});
