/**
 * The migration path through prisma/engine/schema-engine.mjs (the WebAssembly schema engine
 * bridge), driven through scripts/prisma.mjs exactly as the npm scripts use it:
 * `migrate deploy`, `migrate status`, `migrate diff` and `migrate dev` (creating and applying a
 * new migration after a schema change), against real scratch databases.
 *
 * Server: TEST_ADMIN_DATABASE_URL (an admin URL such as postgres://postgres@127.0.0.1:5432/postgres,
 * password-protected servers included), else that local default. Every database created here,
 * the bridge's shadow databases included, is dropped again. `migrate dev` runs on a copy of the
 * schema, config and migrations in a temporary folder: prisma/migrations is never written.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNativeSchemaEngine, prismaEnv } from "../../scripts/prisma.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bridge = path.join(root, "prisma/engine/schema-engine.mjs");
const adminUrl = process.env.TEST_ADMIN_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const suffix = `${process.pid}_${randomBytes(4).toString("hex")}`;
const created = new Set<string>();

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  created.add(name);
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return urlFor(name);
}

async function query<T extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tablesOf(databaseUrl: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    databaseUrl,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  return rows.map((r) => r.table_name);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node scripts/prisma.mjs <args>` with the bridge forced as schema engine (so the bridge is what
 * is tested even where a native engine happens to be installed). The CLI hides the engine's
 * stderr unless DEBUG asks for it; the bridge's debug lines tell us which shadow databases it made.
 */
function prisma(args: string[], options: { cwd?: string; databaseUrl?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: bridge,
    PRISMA_SCHEMA_ENGINE_BRIDGE_DEBUG: "1",
    DEBUG: "prisma:schemaEngine:stderr",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CI: "1",
  };
  delete env.DATABASE_URL;
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/prisma.mjs"), ...args], {
      cwd: options.cwd ?? root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      // Every shadow database the bridge created must be gone by the time the CLI exits.
      for (const m of stderr.matchAll(/created shadow database (prisma_migrate_shadow_db_[0-9a-f-]+)/g)) created.add(m[1]);
      resolve({ code, stdout, stderr });
    });
  });
}

function expectSuccess(run: Run): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr.slice(-4000)}`);
}

async function migrationDirs(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** A copy of the project's Prisma files to run `migrate dev` on, with node_modules linked. */
async function scratchProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "schema-engine-bridge-"));
  await cp(path.join(root, "prisma/schema.prisma"), path.join(dir, "prisma/schema.prisma"));
  await cp(path.join(root, "prisma/migrations"), path.join(dir, "prisma/migrations"), { recursive: true });
  await cp(path.join(root, "prisma.config.ts"), path.join(dir, "prisma.config.ts"));
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

const repoMigrations = path.join(root, "prisma/migrations");
let repoMigrationsBefore: string[] = [];
let project = "";

beforeAll(async () => {
  repoMigrationsBefore = await migrationDirs(repoMigrations);
  project = await scratchProject();
});

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
  await withAdmin(async (c) => {
    const leftover = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1::text[])", [
      [...created],
    ]);
    for (const { datname } of leftover.rows) {
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  });
});

describe("schema engine bridge", () => {
  it("runs on the package versions it was tested with", async () => {
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [bridge, "--check-versions"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, stdout, stderr: "" }));
    });
    expect(run.stdout).toContain("versions as pinned");
    expect(run.code).toBe(0);
  });

  it("is what scripts/prisma.mjs selects when no engine is installed or configured", () => {
    expect(prismaEnv({ PRISMA_SCHEMA_ENGINE_BINARY: "/opt/engine" }).PRISMA_SCHEMA_ENGINE_BINARY).toBe("/opt/engine");
    const env = prismaEnv({ PATH: "/usr/bin" });
    if (findNativeSchemaEngine()) {
      expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBeUndefined();
    } else {
      expect(env.PRISMA_SCHEMA_ENGINE_BINARY).toBe(bridge);
      expect(env.PATH?.split(path.delimiter)).toContain(path.dirname(process.execPath));
    }
  });

  it("diffs schema sources with no database at all", async () => {
    const run = await prisma(["migrate", "diff", "--from-empty", "--to-schema", "prisma/schema.prisma", "--script"]);
    expectSuccess(run);
    expect(run.stdout).toContain('CREATE TABLE "User"');
  }, 60_000);

  it("deploys the migrations, then reports them up to date and free of drift", async () => {
    const databaseUrl = await createDatabase(`bridge_test_deploy_${suffix}`);

    const deploy = await prisma(["migrate", "deploy"], { databaseUrl });
    expectSuccess(deploy);
    expect(deploy.stdout).toContain("All migrations have been successfully applied");
    const tables = await tablesOf(databaseUrl);
    expect(tables).toEqual(
      expect.arrayContaining(["User", "Event", "Document", "DocumentUpdate", "Version", "_prisma_migrations"]),
    );
    const applied = await query<{ migration_name: string }>(
      databaseUrl,
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
    );
    expect(applied.map((r) => r.migration_name)).toEqual(repoMigrationsBefore);

    const status = await prisma(["migrate", "status"], { databaseUrl });
    expectSuccess(status);
    expect(status.stdout).toContain("Database schema is up to date");

    // Needs a shadow database, which the bridge creates beside the main one and drops.
    const diff = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      { databaseUrl },
    );
    expectSuccess(diff);
    expect(diff.stdout).toContain("No difference detected");

    const live = await prisma(
      ["migrate", "diff", "--from-config-datasource", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      {
        databaseUrl,
      },
    );
    expectSuccess(live);

    // Deploying again is a no-op.
    const again = await prisma(["migrate", "deploy"], { databaseUrl });
    expectSuccess(again);
    expect(again.stdout).toContain("No pending migrations to apply");
  }, 180_000);

  it("creates the database, a new migration after a schema change, and applies it with migrate dev", async () => {
    // Not created beforehand: `migrate dev` creates it through the bridge's `cli create-database`.
    const name = `bridge_test_dev_${suffix}`;
    created.add(name);
    const databaseUrl = urlFor(name);

    const first = await prisma(["migrate", "dev", "--name", "unchanged"], { cwd: project, databaseUrl });
    expectSuccess(first);
    expect(await migrationDirs(path.join(project, "prisma/migrations"))).toEqual(repoMigrationsBefore);

    await appendFile(
      path.join(project, "prisma/schema.prisma"),
      '\nmodel BridgeProbe {\n  id   Int    @id @default(autoincrement())\n  note String @default("")\n}\n',
    );
    const create = await prisma(["migrate", "dev", "--create-only", "--name", "bridge_probe"], { cwd: project, databaseUrl });
    expectSuccess(create);
    const after = await migrationDirs(path.join(project, "prisma/migrations"));
    const added = after.filter((d) => !repoMigrationsBefore.includes(d));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_bridge_probe$/);
    const sql = await readFile(path.join(project, "prisma/migrations", added[0], "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "BridgeProbe"');
    expect(await tablesOf(databaseUrl)).not.toContain("BridgeProbe"); // --create-only

    const apply = await prisma(["migrate", "dev"], { cwd: project, databaseUrl });
    expectSuccess(apply);
    expect(await tablesOf(databaseUrl)).toContain("BridgeProbe");

    const status = await prisma(["migrate", "status"], { cwd: project, databaseUrl });
    expectSuccess(status);
    expect(status.stdout).toContain("Database schema is up to date");

    const drift = await prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema", "prisma/schema.prisma", "--exit-code"],
      { cwd: project, databaseUrl },
    );
    expectSuccess(drift);
  }, 300_000);

  it("left prisma/migrations alone and dropped every shadow database", async () => {
    expect(await migrationDirs(repoMigrations)).toEqual(repoMigrationsBefore);
    const shadows = [...created].filter((n) => n.startsWith("prisma_migrate_shadow_db_"));
    expect(shadows.length).toBeGreaterThan(0);
    const left = await withAdmin((c) =>
      c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1::text[])", [shadows]),
    );
    expect(left.rows).toEqual([]);
  });
});
