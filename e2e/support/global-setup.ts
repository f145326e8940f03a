import { appendFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/infra/embedded-postgres";
import { migrateDeploy } from "@/lib/infra/migrate";
import { startSmtpSink } from "@/lib/testing/smtp";
import { startTcpProxy } from "@/lib/testing/tcp-proxy";
import { buildIfStale } from "@/scripts/lib/build";
import { buildServers, serverArgs } from "@/scripts/lib/build-servers";
import { startGroup, startGuard, stopGroup, waitForHttp } from "@/scripts/lib/processes";
import {
  E2E_BASE_URL,
  E2E_MAIL_FILE,
  E2E_COLLAB_PORT,
  E2E_COLLAB_SERVER_PORT,
  E2E_PG_PORT,
  E2E_PORT,
  E2E_PROXY_CONTROL_PORT,
  TEST_DIST_DIR,
} from "./env";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DATABASE = "rapporteur_e2e";

/**
 * Before the browser tests: a Postgres and a database of their own, the app
 * built into its own folder and served on its own port. Returns the teardown.
 */
export default async function globalSetup() {
  const server = await startEmbeddedPostgres({ dir: path.join(root, ".data/e2e-postgres"), port: E2E_PG_PORT, takeOver: true });
  // If the test runner is killed, what it started goes with it.
  const guard = startGuard();
  guard.watch(server.process, 2, "SIGINT");
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${DATABASE}" with (force)`);
  await admin.query(`create database "${DATABASE}"`);
  await admin.end();
  const databaseUrl = server.urlFor(DATABASE);
  await migrateDeploy(databaseUrl);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    AUTH_TRUST_HOST: "true",
    NEXT_DIST_DIR: TEST_DIST_DIR,
    LOG_LEVEL: "warn",
    // As in production: the app's public address, from which browsers may open websockets.
    APP_ORIGINS: E2E_BASE_URL,
  };
  await buildIfStale(root, TEST_DIST_DIR, env, (line) => console.log(line));
  // The servers run compiled, as `npm start` runs them.
  await buildServers(root);
  // The app sends mail to a real SMTP server in this process; tests read what arrived from a file.
  rmSync(E2E_MAIL_FILE, { force: true });
  const smtp = await startSmtpSink((mail) => appendFileSync(E2E_MAIL_FILE, JSON.stringify(mail) + "\n"));
  const collab = startGroup(process.execPath, serverArgs(root, "collab-server", true), {
    env: { ...env, COLLAB_PORT: String(E2E_COLLAB_SERVER_PORT) },
    name: "e2e-collab",
    quiet: true,
  });
  guard.watch(collab);
  await waitForHttp(`http://127.0.0.1:${E2E_COLLAB_SERVER_PORT}/health`, collab, 60_000);
  const proxy = await startTcpProxy({ host: "127.0.0.1", port: E2E_COLLAB_SERVER_PORT }, E2E_COLLAB_PORT);
  const control = createServer((request, response) => {
    if (request.url === "/cut") proxy.cut();
    else if (request.url === "/restore") proxy.restore();
    response.end("ok");
  });
  await new Promise<void>((resolve) => control.listen(E2E_PROXY_CONTROL_PORT, "127.0.0.1", () => resolve()));
  const app = startGroup(process.execPath, serverArgs(root, "serve-app", true), {
    // Pages send browsers to the proxy in front of the collaboration server.
    env: { ...env, COLLAB_PORT: String(E2E_COLLAB_PORT), PORT: String(E2E_PORT), SMTP_URL: smtp.url },
    name: "e2e-app",
    quiet: true,
  });
  guard.watch(app);
  await waitForHttp(`http://127.0.0.1:${E2E_PORT}/api/health`, app, 120_000);
  process.env.E2E_DATABASE_URL = databaseUrl;
  process.env.E2E_SECRET = env.NEXTAUTH_SECRET;

  return async () => {
    await stopGroup(app);
    await stopGroup(collab);
    await proxy.close();
    control.close();
    await server.stop();
    await smtp.close();
    guard.release();
  };
}
