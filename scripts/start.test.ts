import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/global-setup";
import { silentServer } from "@/lib/testing/silent-server";

const root = path.resolve(import.meta.dirname, "..");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm start`'s script. Once it says it is running, `whileRunning` runs
 * and then Ctrl-C (SIGINT) is sent.
 */
function start(env: Record<string, string>, whileRunning?: () => Promise<void>, timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`start did not finish in time.\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (whileRunning && !interrupted && stdout.includes("Press Ctrl-C to stop.")) {
        interrupted = true;
        whileRunning().then(
          () => child.kill("SIGINT"),
          (error) => {
            child.kill("SIGINT");
            reject(error);
          },
        );
      }
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const baseEnv = {
  DATABASE_URL: "",
  NEXTAUTH_SECRET: "a-test-secret-of-enough-length",
  NEXT_DIST_DIR: ".next-test",
  LOG_LEVEL: "warn",
};

describe("npm start refuses a bad DATABASE_URL with one sentence", () => {
  let silent: Awaited<ReturnType<typeof silentServer>> | undefined;
  afterAll(() => silent?.close());

  const cases: [string, () => Promise<string>, RegExp][] = [
    ["a malformed URL", async () => "postgres//nope", /^\[rapporteur\] DATABASE_URL is not a valid URL/],
    [
      "a refused port",
      async () => `postgres://postgres@127.0.0.1:${await freePort()}/x`,
      /refused the connection; is Postgres running there\?$/,
    ],
    [
      "bad credentials",
      async () => {
        const url = new URL(process.env.TEST_ADMIN_DATABASE_URL!);
        url.password = "wrong-password";
        return url.toString();
      },
      /refused the credentials of user "postgres"\.$/,
    ],
    [
      "a server that never answers",
      async () => {
        silent = await silentServer();
        return `postgres://postgres:x@127.0.0.1:${silent.port}/x`;
      },
      /did not answer within 5 seconds\.$/,
    ],
  ];

  for (const [name, url, message] of cases) {
    it(
      name,
      async () => {
        const run = await start({ ...baseEnv, DATABASE_URL: await url() });
        expect(run.code).toBe(1);
        const lines = run.stderr.trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(message);
      },
      60_000,
    );
  }
});

describe("npm start on the embedded default", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "rapporteur-start-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("starts, seeds the demo, stops on Ctrl-C, and finds its data again on the next start", async () => {
    const ports = {
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      COLLAB_PORT: String(await freePort()),
    };
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const query = async (sql: string) => {
      const password = readFileSync(path.join(dataDir, "postgres/password"), "utf8").trim();
      const client = new pg.Client({
        connectionString: `postgres://postgres:${password}@127.0.0.1:${ports.EMBEDDED_PG_PORT}/rapporteur`,
      });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    };

    const first = await start(env, async () => {
      expect((await fetch(`http://127.0.0.1:${ports.PORT}/api/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.COLLAB_PORT}/health`)).status).toBe(200);
      await query(`insert into "AuditEvent" ("actorName", action) values ('test', 'kept-between-runs')`);
    });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`Rapporteur is running at http://localhost:${ports.PORT}`);
    expect(first.stdout).toContain("Seeded the IGF 2019 demo.");
    expect(first.stdout).toContain("secretariat@example.org");
    // Ctrl-C stopped everything it started: the app's port and the database's are free again.
    await expect(fetch(`http://127.0.0.1:${ports.PORT}/api/health`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${ports.COLLAB_PORT}/health`)).rejects.toThrow();
    await expect(query("select 1")).rejects.toThrow();

    const second = await start(env, async () => {
      const kept = await query(`select action from "AuditEvent" where action in ('kept-between-runs', 'demo.seed') order by id`);
      expect(kept.map((r) => r.action)).toEqual(["demo.seed", "kept-between-runs"]);
      expect((await query(`select slug from "Event"`)).map((r) => r.slug)).toEqual(["igf-2019"]);
    });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).not.toContain("Seeded the IGF 2019 demo.");
    expect(second.stdout).not.toContain("Building the app");
  }, 300_000);
});
