import { randomBytes } from "node:crypto";
import pg from "pg";

/** Runs SQL on the tests' Postgres server (its maintenance database). */
async function onServer<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.TEST_ADMIN_DATABASE_URL! });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database cloned from the migrated template: its URL, and how to drop
 * it. Each test file gets one; a test that needs a second (a demo seeded at
 * another instant) makes its own.
 */
export async function cloneTemplateDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rapporteur_test_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`create database "${name}" template "${process.env.TEST_TEMPLATE_DATABASE!}"`));
  const url = new URL(process.env.TEST_ADMIN_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => {}),
  };
}
