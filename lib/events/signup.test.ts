import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmVerification, signUpParticipant, signupInput } from "@/lib/accounts/verification";
import { signInWithPassword, UNVERIFIED } from "@/lib/auth/signin";
import { userForToken } from "@/lib/auth/user";
import { db } from "@/lib/db";
import { updateMembership } from "@/lib/events/members";
import { joinAsParticipant } from "@/lib/events/signup";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { startSmtpSink } from "@/lib/testing/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.close();
});

const ORIGIN = "http://app.test";
const tokenFrom = (link: string) => link.split("/verify/")[1];
let clients = 0;
const options = () => ({ client: `198.51.100.${++clients}`, origin: ORIGIN });

describe("self sign-up as participant, with the address proven by mail", () => {
  it("mails a link; until it is followed the account cannot sign in and is no member", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const input = signupInput.parse({ email: "Walk.In@Example.test", name: "Walk In", password: "a long password" });
    const answer = await signUpParticipant(open.slug, input, options());
    expect(answer.status).toBe("check-your-mail");
    const user = await db().user.findUniqueOrThrow({ where: { email: "walk.in@example.test" }, include: { memberships: true } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.memberships).toEqual([]);
    await expect(signInWithPassword(input.email, input.password, "t")).rejects.toThrow(UNVERIFIED);
    expect(await userForToken({ uid: user.id, sv: user.sessionVersion })).toBeNull();

    // The mail arrived over SMTP with a link to this app.
    await expect.poll(() => smtp.linkFor("walk.in@example.test", "/verify/")).toMatch(/^http:\/\/app\.test\/verify\//);
    const confirmed = await confirmVerification(tokenFrom(smtp.linkFor("walk.in@example.test", "/verify/")!));
    expect(confirmed).toEqual({ email: "walk.in@example.test", event: open.slug });
    await expect(signInWithPassword(input.email, input.password, "t")).resolves.toMatchObject({ id: user.id });
    const member = await db().membership.findFirstOrThrow({ where: { userId: user.id, eventId: open.id } });
    expect(member.role).toBe("PARTICIPANT");
    expect(await db().auditEvent.count({ where: { action: "account.verify", target: user.email } })).toBe(1);
  });

  it("answers the same for an address with an account, changes nothing, and tells its owner by mail", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const owner = await makeUser(db());
    const input = signupInput.parse({ email: owner.email, name: "Mallory", password: "mallory's password" });
    const fresh = signupInput.parse({ email: `new-${owner.id}@example.test`, name: "New", password: "a long password" });
    const forExisting = await signUpParticipant(open.slug, input, options());
    const forNew = await signUpParticipant(open.slug, fresh, options());
    expect(forExisting).toEqual({ ...forNew, message: forNew.message.replace(fresh.email, owner.email) });
    const after = await db().user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after).toMatchObject({ name: owner.name, passwordHash: owner.passwordHash, sessionVersion: owner.sessionVersion });
    await expect
      .poll(() => smtp.received.some((m) => m.to.includes(owner.email) && /already has an account/.test(m.text)))
      .toBe(true);
  });

  it("a stranger who signs up first under someone's address gets nothing: the owner's confirmation sets the password", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const email = `victim-${open.id}@example.test`;
    await signUpParticipant(
      open.slug,
      signupInput.parse({ email, name: "Stranger", password: "the stranger's password" }),
      options(),
    );
    // The stranger cannot sign in, nor be given a role, while the address is unproven.
    await expect(signInWithPassword(email, "the stranger's password", "t")).rejects.toThrow(UNVERIFIED);
    // The owner signs up too, and follows the newest link (the older one is void).
    await signUpParticipant(open.slug, signupInput.parse({ email, name: "Owner", password: "the owner's password" }), options());
    await expect.poll(() => smtp.received.filter((m) => m.to.includes(email)).length).toBe(2);
    const [older, newer] = smtp.received.filter((m) => m.to.includes(email)).map((m) => tokenFrom(m.text.match(/http\S+/)![0]));
    await expect(confirmVerification(older)).rejects.toThrow(/expired/);
    await confirmVerification(newer);
    await expect(signInWithPassword(email, "the stranger's password", "t")).rejects.toThrow("not correct");
    await expect(signInWithPassword(email, "the owner's password", "t")).resolves.toMatchObject({ name: "Owner" });
  });

  it("inviting an address a stranger signed up with invites its owner, who takes the account over", async () => {
    const { invite, registerWithInvitation } = await import("@/lib/events/invitations");
    const event = await makeEvent(db(), { openSignup: true });
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    const email = `owner-${event.id}@example.test`;
    await signUpParticipant(
      event.slug,
      signupInput.parse({ email, name: "Stranger", password: "the stranger's password" }),
      options(),
    );
    // Not "already a member": the stranger never became one.
    const invitation = await invite(secretariat, event.id, { email, role: "RAPPORTEUR", themeIds: [] });
    await registerWithInvitation(invitation.path.split("/").pop()!, { name: "Owner", password: "the owner's password" });
    await expect(signInWithPassword(email, "the stranger's password", "t")).rejects.toThrow("not correct");
    await expect(signInWithPassword(email, "the owner's password", "t")).resolves.toMatchObject({ name: "Owner" });
    const member = await db().membership.findFirstOrThrow({ where: { eventId: event.id, user: { email } } });
    expect(member.role).toBe("RAPPORTEUR");
  });

  it("unverified accounts cannot be given a role other than participant", async () => {
    const event = await makeEvent(db());
    const secretariat = await makeUser(db());
    await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
    const unproven = await db().user.create({
      data: { email: `unproven-${event.id}@example.test`, name: "Unproven", passwordHash: secretariat.passwordHash },
    });
    await addMember(db(), unproven.id, event.id, "PARTICIPANT");
    await expect(updateMembership(secretariat, event.id, unproven.id, { role: "RAPPORTEUR", themeIds: [] })).rejects.toThrow(
      /has not confirmed their address yet/,
    );
  });

  it("is refused when the event takes no sign-ups, and limited per client", async () => {
    const closed = await makeEvent(db());
    const open = await makeEvent(db(), { openSignup: true });
    const input = (i: number) =>
      signupInput.parse({ email: `many-${i}-${open.id}@example.test`, name: "Many", password: TEST_PASSWORD });
    await expect(signUpParticipant(closed.slug, input(0), options())).rejects.toThrow("This event does not take sign-ups");
    const client = { client: "203.0.113.77", origin: ORIGIN };
    for (let i = 1; i <= 10; i++) await signUpParticipant(open.slug, input(i), client);
    await expect(signUpParticipant(open.slug, input(11), client)).rejects.toThrow(/Too many sign-ups/);
    await expect(signUpParticipant(open.slug, input(12), options())).resolves.toMatchObject({ status: "check-your-mail" });
  });

  it("lets a signed-in user join an open event once", async () => {
    const open = await makeEvent(db(), { openSignup: true });
    const user = await makeUser(db());
    await joinAsParticipant(user, open.slug);
    await expect(joinAsParticipant(user, open.slug)).rejects.toThrow(/already a member/);
  });
});
