/**
 * Proving an address: sign-up creates an account that cannot sign in until its
 * owner follows a link mailed to the address. Until then it can do nothing
 * (public pages need no account); the link carries the name and password typed
 * at that sign-up, so only the owner of the mailbox decides what the account's
 * password is, whoever signed up first.
 */
import { z } from "zod";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "@/lib/infra/rate-limits";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { config } from "@/lib/config";
import { db, type Db, type Tx } from "@/lib/db";
import { forbidden, gone, notFound, tooMany } from "@/lib/errors";
import { emailSchema, nameSchema, passwordSchema } from "@/lib/events/invitations";
import { sendMail } from "@/lib/mail/send";
import { voidVerifications } from "./links";

export const signupInput = z.object({ email: emailSchema, name: nameSchema, password: passwordSchema });

export const verificationPath = (token: string) => `/verify/${token}`;

/** What every sign-up answers, whether or not the address has an account: nothing to learn from it. */
export const SIGNUP_ANSWER = (email: string) => ({
  status: "check-your-mail" as const,
  message: `We sent a message to ${email}. Follow the link in it to confirm your address and finish signing up.`,
});

let limiter: RateLimiterAbstract | undefined;
const signups = () => (limiter ??= sharedLimiter({ keyPrefix: "signup", points: config().SIGNUP_MAX_PER_HOUR, duration: 3600 }));

/**
 * Self sign-up as a participant of an open event. `client` is the client's
 * address (rate limit); `origin` is where links point. An address that has an
 * account already gets a mail saying so; the answer is the same either way.
 */
export async function signUpParticipant(
  slug: string,
  input: z.infer<typeof signupInput>,
  options: { client: string; origin: string },
) {
  await signups()
    .consume(options.client)
    .catch(() => {
      throw tooMany("Too many sign-ups from your network; try again in an hour.");
    });
  const event = await db().event.findUnique({ where: { slug } });
  if (!event || event.archived) throw notFound(`There is no event "${slug}".`);
  if (!event.openSignup) throw forbidden("This event does not take sign-ups; ask its secretariat for an invitation.");
  const passwordHash = await hashPassword(input.password);
  const mail = await db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    if (existing?.emailVerifiedAt && !existing.archived) {
      return {
        to: input.email,
        subject: `Your account for ${event.name}`,
        text: `Someone (perhaps you) tried to sign up for ${event.name} with this address, which already has an account.\n\nSign in at ${options.origin}/signin and join the event from ${options.origin}/events/${event.slug}. If you have forgotten your password, ask a site admin for a reset link.\n\nIf it was not you, you can ignore this message: nothing was changed.`,
      };
    }
    if (existing?.archived) return null;
    const user =
      existing ?? (await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, emailVerifiedAt: null } }));
    await voidVerifications(tx, user.id);
    const { token, tokenHash } = newToken();
    const expiresAt = new Date(Date.now() + config().EMAIL_VERIFICATION_TTL_HOURS * 3600_000);
    await tx.emailVerification.create({
      data: { userId: user.id, tokenHash, eventId: event.id, expiresAt, name: input.name, passwordHash },
    });
    await recordAudit(tx, { eventId: event.id, actor: null, action: "participant.signup", target: input.email });
    return {
      to: input.email,
      subject: `Confirm your address for ${event.name}`,
      text: `To finish signing up for ${event.name} as ${input.name}, confirm that this address is yours:\n\n${options.origin}${verificationPath(token)}\n\nThe link works once, for ${config().EMAIL_VERIFICATION_TTL_HOURS} hours. If you did not sign up, ignore this message: no account is opened without it.`,
    };
  });
  if (mail) await sendMail(mail);
  return SIGNUP_ANSWER(input.email);
}

async function usableVerification(tx: Tx | Db, token: string) {
  const verification = await tx.emailVerification.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true, event: true },
  });
  if (!verification || verification.user.archived) throw notFound("This confirmation link is not valid.");
  if (verification.usedAt) throw gone("This confirmation link has already been used; sign in.");
  if (verification.expiresAt <= new Date()) throw gone("This confirmation link has expired; sign up again to get a new one.");
  return verification;
}

/** What the confirmation page shows before the person confirms (reading changes nothing). */
export async function describeVerification(token: string) {
  const verification = await usableVerification(db(), token);
  return {
    email: verification.user.email,
    event: verification.event ? { slug: verification.event.slug, name: verification.event.name } : null,
  };
}

/**
 * The owner of the address confirms it (a POST from the confirmation page):
 * the account takes the name and password of that sign-up, can sign in from
 * now on, and joins the event it signed up for as a participant.
 */
export async function confirmVerification(token: string) {
  return db().$transaction(async (tx) => {
    const verification = await usableVerification(tx, token);
    const claimed = await tx.emailVerification.updateMany({
      where: { id: verification.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) throw gone("This confirmation link has already been used; sign in.");
    const user = await tx.user.update({
      where: { id: verification.userId },
      data: {
        emailVerifiedAt: verification.user.emailVerifiedAt ?? new Date(),
        ...(verification.passwordHash ? { passwordHash: verification.passwordHash } : {}),
        ...(verification.name ? { name: verification.name } : {}),
        sessionVersion: { increment: 1 },
      },
    });
    await voidVerifications(tx, user.id);
    if (verification.eventId) {
      const member = await tx.membership.findUnique({
        where: { userId_eventId: { userId: user.id, eventId: verification.eventId } },
      });
      if (!member) await tx.membership.create({ data: { userId: user.id, eventId: verification.eventId, role: "PARTICIPANT" } });
    }
    await recordAudit(tx, { eventId: verification.eventId, actor: user, action: "account.verify", target: user.email });
    return { email: user.email, event: verification.event?.slug ?? null };
  });
}
