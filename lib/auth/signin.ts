import { RateLimiterMemory } from "rate-limiter-flexible";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
}

export class SignInError extends Error {}

let limiter: RateLimiterMemory | undefined;
function failures(): RateLimiterMemory {
  limiter ??= new RateLimiterMemory({
    keyPrefix: "signin",
    points: config().SIGNIN_MAX_ATTEMPTS,
    duration: config().SIGNIN_WINDOW_SECONDS,
  });
  return limiter;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Checks an e-mail and password. Failed attempts are counted per address and
 * client; past the limit even the right password is refused until the window
 * passes, so guessing is slow whatever the attacker does.
 */
export async function signInWithPassword(emailInput: string, password: string, client: string): Promise<SignedInUser> {
  const email = normaliseEmail(emailInput);
  const key = `${email}|${client}`;
  const state = await failures().get(key);
  if (state && state.consumedPoints >= config().SIGNIN_MAX_ATTEMPTS) {
    const minutes = Math.max(1, Math.ceil(state.msBeforeNext / 60_000));
    throw new SignInError(`Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db().user.findUnique({ where: { email } });
  const ok = user && !user.archived && (await verifyPassword(user.passwordHash, password));
  if (!ok || !user) {
    await failures().penalty(key, 1);
    throw new SignInError("The e-mail address or password is not correct.");
  }
  await failures().delete(key);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
