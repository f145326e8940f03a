import { mkdirSync } from "node:fs";
import net from "node:net";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/infra/embedded-postgres";
import { migrateDeploy } from "@/lib/infra/migrate";
import { startGuard, type Guard } from "@/scripts/lib/processes";

export const TEMPLATE_DATABASE = "rapporteur_test_template";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

let embedded: EmbeddedServer | undefined;
let guard: Guard | undefined;

/**
 * Runs once before the unit and integration tests: starts a Postgres of the
 * tests' own (an embedded one in .data/test unless TEST_ADMIN_DATABASE_URL names
 * a server) and migrates a template database that each test file clones.
 */
export async function setup(): Promise<void> {
  let adminUrl = process.env.TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) {
    mkdirSync(".data", { recursive: true });
    embedded = await startEmbeddedPostgres({ dir: ".data/test-postgres", port: await freePort(), takeOver: true });
    // If the test runner is killed, its database goes with it.
    guard = startGuard();
    guard.watch(embedded.process, 2, "SIGINT");
    adminUrl = embedded.adminUrl;
    process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${TEMPLATE_DATABASE}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await migrateDeploy(templateUrl.toString());
  process.env.TEST_TEMPLATE_DATABASE = TEMPLATE_DATABASE;
}

export async function teardown(): Promise<void> {
  await embedded?.stop();
  guard?.release();
}
