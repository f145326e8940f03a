/**
 * `npm run demo:reset`: throws the embedded database away and seeds a fresh
 * demo week. Only for the embedded default, and only while `npm start` is not
 * running; nothing is ever deleted row by row.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "@/lib/config";
import { createDb } from "@/lib/db";
import { embeddedDataDir } from "@/lib/infra/embedded-postgres";
import { migrateDeploy } from "@/lib/infra/migrate";
import { seedDemo } from "@/prisma/seed";
import { openDatabase } from "./lib/database";

async function main() {
  const config = parseConfig();
  if (config.DATABASE_URL) throw new Error("demo:reset only works on the embedded database; unset DATABASE_URL.");
  const dir = path.join(config.DATA_DIR, "postgres");
  // Starting the embedded server first proves no `npm start` holds it.
  const probe = await openDatabase(config).catch(() => {
    throw new Error("The embedded database is in use; stop `npm start` first.");
  });
  await probe.embedded?.stop();
  rmSync(embeddedDataDir(dir), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  const database = await openDatabase(config);
  try {
    await migrateDeploy(database.url);
    const db = createDb(database.url);
    await seedDemo(db);
    await db.$disconnect();
    console.log("A fresh demo week is ready; run `npm start`.");
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
