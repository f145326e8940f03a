import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db";

/**
 * Each test file gets a database of its own, cloned from the migrated template,
 * and drops it afterwards.
 */
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL!;
const template = process.env.TEST_TEMPLATE_DATABASE!;
const name = `rapporteur_test_${randomBytes(6).toString("hex")}`;

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

await admin((client) => client.query(`create database "${name}" template "${template}"`));
const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  await disconnectDb();
  await admin((client) => client.query(`drop database if exists "${name}" with (force)`));
});
