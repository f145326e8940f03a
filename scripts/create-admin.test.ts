import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/lib/testing/factories";

const root = path.resolve(import.meta.dirname, "..");

function createAdmin(email: string, ...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/create-admin.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      ADMIN_EMAIL: email,
      ADMIN_NAME: "Ada Admin",
      ADMIN_PASSWORD: "a long enough password",
      LOG_LEVEL: "warn",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, out: (run.stdout + run.stderr).trim() };
}

describe("npm run create-admin", () => {
  it("creates a new site admin", async () => {
    const email = `admin-${Date.now()}@example.org`;
    const run = createAdmin(email);
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`Created site admin ${email}.`);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).siteAdmin).toBe(true);
  }, 60_000);

  it("refuses an address that has an account already, unless told --existing, and then says so", async () => {
    const someone = await makeUser(db());
    const refused = createAdmin(someone.email);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe(
      `An account with the address ${someone.email} exists already; nothing was changed. Run create-admin with --existing to make that account a site admin (its password stays as it is).`,
    );
    expect((await db().user.findUniqueOrThrow({ where: { id: someone.id } })).siteAdmin).toBe(false);

    const promoted = createAdmin(someone.email, "--existing");
    expect(promoted.code, promoted.out).toBe(0);
    expect(promoted.out).toContain(`${someone.email} existed already and is now a site admin (password unchanged).`);
    const after = await db().user.findUniqueOrThrow({ where: { id: someone.id } });
    expect(after.siteAdmin).toBe(true);
    expect(after.passwordHash).toBe(someone.passwordHash);
  }, 60_000);
});
