import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { sharedLimiter } from "@/lib/infra/rate-limits";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

export class SignInError extends Error {}

export const UNVERIFIED = "Confirm your e-mail address first: follow the link we mailed to it when you signed up.";

let limiters: { client: RateLimiterAbstract; account: RateLimiterAbstract } | undefined;
/**
 * Two counts of failures: per address and client (a person who mistypes is not
 * held up by an attacker elsewhere), and per address whatever the client (an
 * attacker with many addresses of their own still gets few guesses).
 */
function failures() {
  limiters ??= {
    client: sharedLimiter({
      keyPrefix: "signin",
      points: config().SIGNIN_MAX_ATTEMPTS,
      duration: config().SIGNIN_WINDOW_SECONDS,
    }),
    account: sharedLimiter({
      keyPrefix: "signin-account",
      points: config().SIGNIN_MAX_PER_ACCOUNT,
      duration: 60 * 60,
    }),
  };
  return limiters;
}

// Verified against when the address has no account, so that an unknown address takes as long as a wrong password.
let dummyHash: Promise<string> | undefined;
const unknownAccountHash = () => (dummyHash ??= hashPassword("no account has this password"));

function tooMany(msBeforeNext: number): SignInError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new SignInError(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks an e-mail and password. `client` is the client's address as
 * scripts/serve-app.ts established it (never a header the client wrote).
 *
 * The limits, in order:
 * - a client that failed SIGNIN_MAX_ATTEMPTS times for an address within
 *   SIGNIN_WINDOW_SECONDS is refused for that address until the window passes;
 * - once an address has had SIGNIN_MAX_PER_ACCOUNT failures within the hour
 *   (from any clients: it is being guessed), only clients that have not
 *   failed for it may still try, and each may fail once. Guessing stays slow
 *   (one guess per fresh client address), while the owner, signing in from
 *   their own computer, is not locked out by someone else's guesses.
 *
 * Unknown addresses get the same answer, after the same work, as a wrong password.
 */
export async function signInWithPassword(emailInput: string, password: string, client: string): Promise<SignedInUser> {
  const email = normaliseEmail(emailInput);
  const clientKey = `${email}|${client}`;
  const { client: perClient, account: perAccount } = failures();
  const [clientState, accountState] = await Promise.all([perClient.get(clientKey), perAccount.get(email)]);
  if (clientState && clientState.consumedPoints >= config().SIGNIN_MAX_ATTEMPTS) throw tooMany(clientState.msBeforeNext);
  const guarded = accountState !== null && accountState.consumedPoints >= config().SIGNIN_MAX_PER_ACCOUNT;
  if (guarded && clientState && clientState.consumedPoints > 0) throw tooMany(clientState.msBeforeNext);
  const user = await db().user.findUnique({ where: { email } });
  const usable = user && !user.archived;
  const ok = usable
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await unknownAccountHash(), password).then(() => false);
  if (!ok || !user) {
    await Promise.all([perClient.penalty(clientKey, 1), perAccount.penalty(email, 1)]);
    throw new SignInError("The e-mail address or password is not correct.");
  }
  // Said only to someone who knows the password: an address nobody has proven yet opens nothing.
  if (!user.emailVerifiedAt) throw new SignInError(UNVERIFIED);
  await perClient.delete(clientKey);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
