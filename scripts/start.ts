/**
 * `npm start`: one command from a fresh clone to a running app.
 *
 * Without DATABASE_URL it runs an embedded real Postgres (data in DATA_DIR,
 * port EMBEDDED_PG_PORT), migrates it, seeds the demo on the first run and
 * builds the app if the build is missing or stale. With DATABASE_URL it uses
 * that server and seeds nothing. Ctrl-C stops every process it started.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";
import { ConfigError, environment, parseConfig } from "@/lib/config";
import { createDb } from "@/lib/db";
import { configuredOrigins } from "@/lib/http/origin";
import { DatabaseUnavailableError } from "@/lib/infra/database-check";
import { embeddedDataDir, EmbeddedPostgresError, type EmbeddedServer } from "@/lib/infra/embedded-postgres";
import { migrateDeploy, MigrationError } from "@/lib/infra/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@/prisma/seed";
import { buildIfStale } from "./lib/build";
import { buildServers, serverArgs } from "./lib/build-servers";
import { openDatabase, sessionSecret, type OpenDatabase } from "./lib/database";
import { answersAsRapporteur, clusterRunning, portConflict, type PortNeed } from "./lib/ports";
import { startGroup, startGuard, stopGroup, waitForHttp } from "./lib/processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const say = (line: string) => console.log(`[rapporteur] ${line}`);

/** Errors we expect from bad configuration: one sentence, no stack trace. */
const EXPECTED = [ConfigError, DatabaseUnavailableError, EmbeddedPostgresError, MigrationError];

class PortTakenError extends Error {}

const withCollabPart = (config: ReturnType<typeof parseConfig>) => config.START_ONLY !== "app";

/** The ports this run will listen on, and how to tell that another Rapporteur holds one. */
function portsNeeded(config: ReturnType<typeof parseConfig>): PortNeed[] {
  const needs: PortNeed[] = [];
  if (config.START_ONLY !== "collab") {
    needs.push({
      port: config.PORT,
      name: "the app",
      variable: "PORT",
      ours: () => answersAsRapporteur(`http://127.0.0.1:${config.PORT}/api/health`),
    });
  }
  if (config.START_ONLY !== "app") {
    needs.push({
      port: config.COLLAB_PORT,
      name: "the collaboration server",
      variable: "COLLAB_PORT",
      ours: () => answersAsRapporteur(`http://127.0.0.1:${config.COLLAB_PORT}/health/live`),
    });
  }
  if (!config.DATABASE_URL) {
    needs.push({
      port: config.EMBEDDED_PG_PORT,
      name: "the embedded Postgres",
      variable: "EMBEDDED_PG_PORT",
      ours: () => Promise.resolve(clusterRunning(embeddedDataDir(path.join(config.DATA_DIR, "postgres")))),
    });
  }
  return needs;
}

async function main() {
  const dev = process.argv.includes("--dev");
  const config = parseConfig();
  if (config.START_ONLY && !config.DATABASE_URL) {
    throw new ConfigError(`START_ONLY=${config.START_ONLY} runs one part on its own: set DATABASE_URL to the shared Postgres.`);
  }
  // Before anything starts: a taken port stops start-up, and whatever holds it stays untouched.
  const conflict = await portConflict(portsNeeded(config));
  if (conflict) throw new PortTakenError(conflict);
  // If this process dies without stopping what it started, the guard stops it.
  const guard = startGuard();
  let database: OpenDatabase | null = null;
  const children: ChildProcess[] = [];
  let stopping = false;

  async function stopAll(code: number) {
    if (stopping) return;
    stopping = true;
    say("Stopping…");
    await Promise.all(children.map((child) => stopGroup(child)));
    await database?.embedded?.stop();
    guard.release();
    process.exit(code);
  }
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));

  const secret = sessionSecret(config);
  database = await openDatabase(config);
  if (database.embedded) {
    guard.watch(database.embedded.process, 2, "SIGINT");
    superviseEmbedded(database.embedded, {
      isStopping: () => stopping,
      watch: (child) => guard.watch(child, 2, "SIGINT"),
      giveUp: (reason) => {
        console.error(`[rapporteur] ${reason}`);
        void stopAll(1);
      },
    });
  }
  say(
    database.embedded
      ? `Embedded Postgres on port ${config.EMBEDDED_PG_PORT} (data in ${config.DATA_DIR}/postgres).`
      : "Using DATABASE_URL.",
  );
  await migrateDeploy(database.url);

  if (database.embedded) {
    const db = createDb(database.url);
    try {
      if (await seedDemo(db)) say("Seeded the IGF 2019 demo.");
    } finally {
      await db.$disconnect();
    }
  }

  // Whether this is the embedded demo is start-up's to say, never the caller's environment's.
  const { RAPPORTEUR_EMBEDDED_DEMO: _inherited, ...inherited } = environment();
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: secret,
    // Without a fixed NEXTAUTH_URL, next-auth takes the host from the request.
    AUTH_TRUST_HOST: config.NEXTAUTH_URL ? config.AUTH_TRUST_HOST : "true",
    NODE_ENV: dev ? "development" : "production",
    // The embedded demo's admin password is public: it listens on this machine only unless HOST says otherwise.
    HOST: config.HOST ?? (database.embedded ? "127.0.0.1" : "0.0.0.0"),
    // Only the embedded demo accepts pages of the same host name without configured origins.
    ...(database.embedded ? { RAPPORTEUR_EMBEDDED_DEMO: "1" } : {}),
  };
  if (!database.embedded && configuredOrigins().length === 0 && withCollabPart(config)) {
    say(
      "Neither NEXTAUTH_URL nor APP_ORIGINS is set: the collaboration server refuses browsers until one names the app's public address.",
    );
  }
  const reachAt = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST!;
  const withApp = config.START_ONLY !== "collab";
  const withCollab = config.START_ONLY !== "app";
  if (!dev && withApp) await buildIfStale(root, config.NEXT_DIST_DIR || ".next", env, say);
  // The servers run compiled (a second or less to build); `npm run dev` runs their TypeScript as it changes.
  if (!dev) await buildServers(root);

  const collab = withCollab
    ? startGroup(process.execPath, serverArgs(root, "collab-server", !dev), {
        env,
        name: "collaboration server",
      })
    : null;
  const app = withApp
    ? startGroup(process.execPath, [...serverArgs(root, "serve-app", !dev), ...(dev ? ["--dev"] : [])], {
        env: { ...env, PORT: String(config.PORT) },
        name: "app",
      })
    : null;
  const started = [
    ["collaboration server", collab],
    ["app", app],
  ] as const;
  for (const [name, child] of started) {
    if (!child) continue;
    children.push(child);
    guard.watch(child);
    child.on("exit", (code) => {
      if (!stopping) {
        console.error(`[rapporteur] The ${name} exited unexpectedly (code ${code}).`);
        void stopAll(1);
      }
    });
  }
  const urlHost = reachAt.includes(":") ? `[${reachAt}]` : reachAt;
  if (collab) await waitForHttp(`http://${urlHost}:${config.COLLAB_PORT}/health`, collab, 60_000);
  if (app) await waitForHttp(`http://${urlHost}:${config.PORT}/api/health`, app, 120_000);

  const shown = reachAt === "127.0.0.1" ? "localhost" : urlHost;
  if (!app) say(`The collaboration server is running on port ${config.COLLAB_PORT} (START_ONLY=collab).`);
  else if (!collab) say(`The app is running at http://${shown}:${config.PORT} (START_ONLY=app).`);
  else say(`Rapporteur is running at http://${shown}:${config.PORT} (collaboration server on port ${config.COLLAB_PORT})`);
  if (env.HOST === "127.0.0.1") say("It listens on this machine only; set HOST=0.0.0.0 to open it to the network.");
  if (!config.SMTP_URL) {
    say(
      `No SMTP_URL: mail (sign-up confirmations, invitations, resets) goes to the outbox at http://${shown}:${config.PORT}/workspace/admin/outbox`,
    );
  }
  if (database.embedded) {
    say(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS)
      say(`  ${account.email.padEnd(26)} ${account.role.toLowerCase()}${account.siteAdmin ? ", site admin" : ""}`);
  }
  say("Press Ctrl-C to stop.");
}

/** Restarts of the embedded Postgres allowed within RESTART_WINDOW_MS before start-up gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 5 * 60_000;

/**
 * Keeps the embedded Postgres running: when its postmaster dies (a crash, the
 * out-of-memory killer), it is started again after a growing pause (1, 2, 4,
 * 8, 16 s), one line in the log each time. The app and the collaboration
 * server reconnect by themselves, and the collaboration server stores every
 * edit it held meanwhile. Past MAX_RESTARTS within five minutes, everything
 * stops with one sentence rather than serving without a database.
 */
function superviseEmbedded(
  embedded: EmbeddedServer,
  hooks: { isStopping(): boolean; watch(child: ChildProcess): void; giveUp(reason: string): void },
) {
  let restarts: number[] = [];
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    if (hooks.isStopping()) return;
    void (async () => {
      let why: string = signal ?? `code ${code}`;
      for (;;) {
        const now = Date.now();
        restarts = restarts.filter((at) => now - at < RESTART_WINDOW_MS);
        if (restarts.length >= MAX_RESTARTS) {
          return hooks.giveUp(
            `The embedded Postgres stopped (${why}) and did not stay up after ${MAX_RESTARTS} restarts in five minutes; everything is stopped. Look at the data folder, then start again.`,
          );
        }
        restarts.push(now);
        const pause = 1000 * 2 ** (restarts.length - 1);
        say(
          `The embedded Postgres stopped (${why}); restarting it in ${pause / 1000} s (restart ${restarts.length} of ${MAX_RESTARTS}).`,
        );
        await new Promise((resolve) => setTimeout(resolve, pause));
        if (hooks.isStopping()) return;
        try {
          const child = await embedded.restart();
          hooks.watch(child);
          child.once("exit", onExit);
          return say("The embedded Postgres is running again; the app and the collaboration server carry on.");
        } catch (error) {
          why = (error as Error).message;
        }
      }
    })();
  };
  embedded.process.once("exit", onExit);
}

main().catch((error: unknown) => {
  const expected = [...EXPECTED, PortTakenError].some((kind) => error instanceof kind);
  if (error instanceof Error && (expected || error.message.startsWith("NEXTAUTH_SECRET"))) {
    console.error(`[rapporteur] ${error.message}`);
  } else {
    console.error("[rapporteur] Start-up failed:", error);
  }
  process.exit(1);
});
