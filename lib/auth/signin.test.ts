import { describe, expect, it } from "vitest";
import { signOutEverywhere } from "@/lib/accounts/accounts";
import { userForToken } from "@/lib/auth/session";
import { signInWithPassword } from "@/lib/auth/signin";
import { db } from "@/lib/db";
import { makeUser, TEST_PASSWORD } from "@/lib/testing/factories";

describe("signing in with a password", () => {
  it("accepts the right password, in any letter case of the address", async () => {
    const user = await makeUser(db());
    const signedIn = await signInWithPassword(user.email.toUpperCase(), TEST_PASSWORD, "test");
    expect(signedIn).toMatchObject({ id: user.id, sessionVersion: 1 });
  });

  it("locks an address out after the allowed failures, whatever the password", async () => {
    const user = await makeUser(db());
    for (let i = 0; i < 5; i++) await expect(signInWithPassword(user.email, "wrong", "10.0.0.1")).rejects.toThrow("not correct");
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "10.0.0.1")).rejects.toThrow(/Too many failed sign-in attempts/);
    // Another client is not locked out by this one's failures.
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "10.0.0.2")).resolves.toMatchObject({ id: user.id });
  });
});

describe("the per-account limit", () => {
  it("past 20 failures an hour for one address, a client that failed for it is refused even the right password", async () => {
    const user = await makeUser(db());
    for (let i = 0; i < 20; i++) {
      await expect(signInWithPassword(user.email, "wrong", `192.0.2.${i}`)).rejects.toThrow("not correct");
    }
    // One failure was enough, while the address is being guessed.
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "192.0.2.3")).rejects.toThrow(/Too many failed sign-in attempts/);
    // A fresh client gets one guess, then is refused too: guessing stays at one try per client address.
    await expect(signInWithPassword(user.email, "wrong", "198.51.100.9")).rejects.toThrow("not correct");
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "198.51.100.9")).rejects.toThrow(/Too many failed/);
    // Another address is unaffected.
    const other = await makeUser(db());
    await expect(signInWithPassword(other.email, TEST_PASSWORD, "198.51.100.7")).resolves.toMatchObject({ id: other.id });
  });

  it("cannot lock the owner out: after 20 failures from a few clients, the right password from the owner's own computer signs in at once", async () => {
    const user = await makeUser(db());
    for (let client = 0; client < 4; client++)
      for (let i = 0; i < 5; i++)
        await expect(signInWithPassword(user.email, "wrong", `203.0.113.${client}`)).rejects.toThrow("not correct");
    // The attackers keep going: their clients are refused, whatever they send.
    await expect(signInWithPassword(user.email, "wrong", "203.0.113.1")).rejects.toThrow(/Too many failed/);
    await expect(signInWithPassword(user.email, TEST_PASSWORD, "198.51.100.20")).resolves.toMatchObject({ id: user.id });
  });

  it("answers an unknown address exactly as a wrong password", async () => {
    const user = await makeUser(db());
    const wrong = await signInWithPassword(user.email, "wrong", "203.0.113.1").catch((e: Error) => e.message);
    const unknown = await signInWithPassword(`nobody-${user.id}@example.org`, "wrong", "203.0.113.1").catch(
      (e: Error) => e.message,
    );
    expect(unknown).toBe(wrong);
  });
});

describe("session versions", () => {
  it("a token stops counting once the user signs out everywhere", async () => {
    const user = await makeUser(db());
    const claims = { uid: user.id, sv: user.sessionVersion };
    expect(await userForToken(claims)).toMatchObject({ id: user.id });
    await signOutEverywhere({ ...user });
    expect(await userForToken(claims)).toBeNull();
    expect(await userForToken({ uid: user.id, sv: user.sessionVersion + 1 })).toMatchObject({ id: user.id });
  });
});
