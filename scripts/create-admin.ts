/**
 * `npm run create-admin`: makes the first site admin; with `-- --existing`, it
 * promotes an account that has the address already (and says so). Asks for e-mail, name and password, or takes them from
 * ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD for scripted set-ups.
 */
import { createInterface } from "node:readline/promises";
import { createSiteAdmin, createUserInput } from "@/lib/accounts/accounts";
import { parseConfig, useDatabase } from "@/lib/config";
import { disconnectDb } from "@/lib/db";
import { describeZodError } from "@/lib/http/route";
import { migrateDeploy } from "@/lib/infra/migrate";
import { openDatabase } from "./lib/database";

async function ask(question: string, fallback?: string): Promise<string> {
  if (fallback) return fallback;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

async function main() {
  const config = parseConfig();
  const database = await openDatabase(config);
  try {
    await migrateDeploy(database.url);
    useDatabase(database.url);
    const parsed = createUserInput.safeParse({
      email: await ask("E-mail: ", config.ADMIN_EMAIL),
      name: await ask("Name: ", config.ADMIN_NAME),
      password: await ask("Password (at least 10 characters): ", config.ADMIN_PASSWORD),
    });
    if (!parsed.success) throw new Error(describeZodError(parsed.error));
    const { user, created } = await createSiteAdmin(parsed.data, { promoteExisting: process.argv.includes("--existing") });
    console.log(
      created
        ? `Created site admin ${user.email}.`
        : `${user.email} existed already and is now a site admin (password unchanged).`,
    );
  } finally {
    await disconnectDb();
    await database.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
