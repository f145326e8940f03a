import { describe, expect, it } from "vitest";
import { changePassword, issuePasswordReset, resetPassword } from "@/lib/accounts/accounts";
import { userForToken } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";

const asCurrent = (user: { id: string; email: string; name: string; siteAdmin: boolean; sessionVersion: number }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  siteAdmin: user.siteAdmin,
  sessionVersion: user.sessionVersion,
});
const tokenOf = (path: string) => path.split("/").pop()!;

describe("changing one's password", () => {
  it("ends every older session and returns the new session version for the caller's fresh cookie", async () => {
    const user = await makeUser(db());
    const before = { uid: user.id, sv: user.sessionVersion };
    const updated = await changePassword(asCurrent(user), {
      currentPassword: TEST_PASSWORD,
      newPassword: "a brand new password",
    });
    expect(updated.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await userForToken(before)).toBeNull();
    expect(await userForToken({ uid: user.id, sv: updated.sessionVersion })).toMatchObject({ id: user.id });
  });

  it("voids reset links issued before it", async () => {
    const admin = await makeUser(db(), { siteAdmin: true });
    const user = await makeUser(db());
    const link = await issuePasswordReset(asCurrent(admin), user.id);
    await changePassword(asCurrent(user), { currentPassword: TEST_PASSWORD, newPassword: "a brand new password" });
    await expect(resetPassword(tokenOf(link.path), { password: "somebody else's password" })).rejects.toThrow(/expired/);
  });
});

describe("password-reset links", () => {
  it("a newer link voids the older one; using a link voids the others", async () => {
    const admin = await makeUser(db(), { siteAdmin: true });
    const user = await makeUser(db());
    const first = await issuePasswordReset(asCurrent(admin), user.id);
    const second = await issuePasswordReset(asCurrent(admin), user.id);
    await expect(resetPassword(tokenOf(first.path), { password: "the first new password" })).rejects.toThrow(/expired/);
    await expect(resetPassword(tokenOf(second.path), { password: "the second new password" })).resolves.toMatchObject({
      email: user.email,
    });
    await expect(resetPassword(tokenOf(second.path), { password: "once more a password" })).rejects.toThrow(/already been used/);
  });
});

describe("site admins manage accounts", () => {
  it("deactivating ends the account's sessions and sign-in, keeps its words, and is logged", async () => {
    const { deactivateAccount } = await import("@/lib/accounts/accounts");
    const { signInWithPassword } = await import("@/lib/auth/signin");
    const admin = await makeUser(db(), { siteAdmin: true });
    const user = await makeUser(db());
    await deactivateAccount(asCurrent(admin), user.id);
    expect(await userForToken({ uid: user.id, sv: user.sessionVersion })).toBeNull();
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "203.0.113.9")).rejects.toThrow("not correct");
    expect(await db().user.findUnique({ where: { id: user.id } })).toMatchObject({ archived: true, email: user.email });
    expect(await db().auditEvent.findFirst({ where: { action: "account.deactivate", target: user.email } })).toMatchObject({
      actorId: admin.id,
    });
    await expect(deactivateAccount(asCurrent(admin), admin.id)).rejects.toThrow("your own account");
    const participant = await makeUser(db());
    await expect(deactivateAccount(asCurrent(participant), admin.id)).rejects.toThrow("Only a site admin");
  });

  it("revoking site admin takes the right away at once, and is logged", async () => {
    const { revokeSiteAdmin } = await import("@/lib/accounts/accounts");
    const admin = await makeUser(db(), { siteAdmin: true });
    const other = await makeUser(db(), { siteAdmin: true });
    await revokeSiteAdmin(asCurrent(admin), other.id);
    expect(await userForToken({ uid: other.id, sv: other.sessionVersion })).toMatchObject({ siteAdmin: false });
    expect(await db().auditEvent.count({ where: { action: "account.site-admin-revoke", target: other.email } })).toBe(1);
    await expect(revokeSiteAdmin(asCurrent(admin), admin.id)).rejects.toThrow("your own account");
    await expect(revokeSiteAdmin(asCurrent(admin), other.id)).rejects.toThrow("not a site admin");
  });
});
