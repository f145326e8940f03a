/**
 * `npm run bench`: the collaboration server under load, side by side with a
 * bare websocket relay (the floor), in one run. Prints a table and a JSON line.
 *   BENCH_SECONDS (30), BENCH_EDITORS (20), BENCH_VIEWERS (100), BENCH_KEYS_PER_SECOND (5),
 *   BENCH_ADMIN_DATABASE_URL (default: an embedded Postgres in .data/bench-postgres).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import * as Y from "yjs";
import { createDb, disconnectDb } from "@/lib/db";
import { loadDraft } from "@/lib/drafts/store";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/infra/embedded-postgres";
import { migrateDeploy } from "@/lib/infra/migrate";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import { readMetric as metric, sessionCookie } from "@/server/testing";
import { runLoad } from "./load";
import { peakMemoryMiB, processCpuSeconds, round } from "./measure";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface BenchmarkOptions {
  seconds: number;
  editors: number;
  viewers: number;
  keysPerSecond?: number;
  /** Admin URL of a Postgres server to create the benchmark's database on. */
  adminUrl?: string;
  log?: (line: string) => void;
}

function spawnProcess(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 30_000).unref();
  });

export async function runBenchmark(options: BenchmarkOptions) {
  const log = options.log ?? (() => {});
  const keysPerSecond = options.keysPerSecond ?? 5;
  const children: ChildProcess[] = [];
  let embedded: EmbeddedServer | undefined;
  let adminUrl = options.adminUrl;
  const database = `rapporteur_bench_${randomBytes(4).toString("hex")}`;
  try {
    if (!adminUrl) {
      embedded = await startEmbeddedPostgres({
        dir: path.join(root, ".data/bench-postgres"),
        port: await freePort(),
        takeOver: true,
      });
      adminUrl = embedded.adminUrl;
    }
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${database}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const databaseUrl = url.toString();
    await migrateDeploy(databaseUrl);
    process.env.DATABASE_URL = databaseUrl;

    log(`setting up ${options.editors} editors and ${options.viewers} viewers…`);
    const db = createDb(databaseUrl);
    const event = await makeEvent(db, { participantsWatchDrafts: true });
    const documentId = event.themes[0].document!.id;
    const secret = randomBytes(24).toString("hex");
    const cookies = async (count: number, role: "RAPPORTEUR" | "PARTICIPANT") => {
      const result: string[] = [];
      for (let i = 0; i < count; i++) {
        const user = await makeUser(db);
        await addMember(db, user.id, event.id, role);
        result.push(await sessionCookie(user, secret));
      }
      return result;
    };
    const editorCookies = await cookies(options.editors, "RAPPORTEUR");
    const viewerCookies = await cookies(options.viewers, "PARTICIPANT");
    await db.$disconnect();

    // Our server, in its own process.
    const port = await freePort();
    const server = spawnProcess("server/index.ts", {
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: secret,
      COLLAB_PORT: String(port),
      LOG_LEVEL: "warn",
    });
    children.push(server);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, "the collaboration server");
    log(`load on the collaboration server for ${options.seconds} s…`);
    const cpuBefore = processCpuSeconds(server.pid!);
    const transactionsBefore = await metric(port, "rapporteur_collab_update_insert_transactions_total");
    const storedBefore = await metric(port, "rapporteur_collab_updates_stored_total");
    const ours = await runLoad({
      url: `ws://127.0.0.1:${port}`,
      room: documentId,
      editorCookies,
      viewerCookies,
      seconds: options.seconds,
      keysPerSecond,
      expectStored: true,
    });
    const serverCpu = processCpuSeconds(server.pid!) - cpuBefore;
    const serverPeakMiB = peakMemoryMiB(server.pid!);
    const updatesStored = (await metric(port, "rapporteur_collab_updates_stored_total")) - storedBefore;
    const insertTransactions = (await metric(port, "rapporteur_collab_update_insert_transactions_total")) - transactionsBefore;
    await stopProcess(server);

    // Lost updates: keystrokes the stored document does not contain.
    const stored = await loadDraft(documentId);
    let lost = 0;
    for (const [author, clock] of ours.authored) lost += Math.max(0, clock - Y.getState(stored.store, author));
    await disconnectDb();

    // The floor: a bare relay, same clients, same load.
    const relay = spawnProcess("bench/bare-relay.ts", { PORT: "0" });
    children.push(relay);
    const relayPort = await new Promise<number>((resolve) =>
      relay.stdout!.once("data", (chunk) => resolve(JSON.parse(String(chunk)).port)),
    );
    log(`same load on a bare relay for ${options.seconds} s…`);
    const relayCpuBefore = processCpuSeconds(relay.pid!);
    const floor = await runLoad({
      url: `ws://127.0.0.1:${relayPort}`,
      room: documentId,
      editorCookies: editorCookies.map(() => ""),
      viewerCookies: viewerCookies.map(() => ""),
      seconds: options.seconds,
      keysPerSecond,
      expectStored: false,
    });
    const relayCpu = processCpuSeconds(relay.pid!) - relayCpuBefore;
    const relayPeakMiB = peakMemoryMiB(relay.pid!);
    await stopProcess(relay);

    const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : round(a / b, 2));
    return {
      settings: { seconds: options.seconds, editors: options.editors, viewers: options.viewers, keysPerSecond },
      server: {
        keystrokes: ours.keystrokes,
        undelivered: ours.undelivered,
        unacknowledged: ours.unacknowledged,
        relayP50Ms: round(ours.relayP50),
        relayP99Ms: round(ours.relayP99),
        storedP50Ms: round(ours.storedP50),
        storedP99Ms: round(ours.storedP99),
        updatesStoredPerSecond: round(updatesStored / ours.elapsedSeconds),
        insertTransactions,
        lostUpdates: lost,
        serverCpuSeconds: round(serverCpu, 2),
        clientCpuSeconds: round(ours.clientCpuSeconds, 2),
        serverPeakMiB: round(serverPeakMiB),
      },
      floor: {
        keystrokes: floor.keystrokes,
        undelivered: floor.undelivered,
        relayP50Ms: round(floor.relayP50),
        relayP99Ms: round(floor.relayP99),
        serverCpuSeconds: round(relayCpu, 2),
        clientCpuSeconds: round(floor.clientCpuSeconds, 2),
        serverPeakMiB: round(relayPeakMiB),
      },
      ratios: { relayP50: ratio(ours.relayP50, floor.relayP50), relayP99: ratio(ours.relayP99, floor.relayP99) },
    };
  } finally {
    await Promise.all(children.map(stopProcess));
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect().catch(() => {});
      await admin.query(`drop database if exists "${database}" with (force)`).catch(() => {});
      await admin.end().catch(() => {});
    }
    await embedded?.stop();
  }
}

function printTable(result: Awaited<ReturnType<typeof runBenchmark>>) {
  const s = result.server;
  const f = result.floor;
  const rows: [string, unknown, unknown, unknown][] = [
    ["keystrokes", s.keystrokes, f.keystrokes, ""],
    ["keystroke → last receiver p50 (ms)", s.relayP50Ms, f.relayP50Ms, result.ratios.relayP50],
    ["keystroke → last receiver p99 (ms)", s.relayP99Ms, f.relayP99Ms, result.ratios.relayP99],
    ["keystroke → frame 100 p50 (ms)", s.storedP50Ms, "n/a", ""],
    ["keystroke → frame 100 p99 (ms)", s.storedP99Ms, "n/a", ""],
    ["updates stored per second", s.updatesStoredPerSecond, "n/a", ""],
    ["insert transactions (group commits)", s.insertTransactions, "n/a", ""],
    ["lost updates (vs stored document)", s.lostUpdates, "n/a", ""],
    ["undelivered keystrokes", s.undelivered, f.undelivered, ""],
    ["server CPU (s)", s.serverCpuSeconds, f.serverCpuSeconds, ""],
    ["client CPU (s)", s.clientCpuSeconds, f.clientCpuSeconds, ""],
    ["server peak memory (MiB)", s.serverPeakMiB, f.serverPeakMiB, ""],
  ];
  console.log(
    `\n${result.settings.editors} editors × ${result.settings.keysPerSecond} keys/s + ${result.settings.viewers} viewers, ${result.settings.seconds} s\n`,
  );
  console.log(`${"".padEnd(38)}${"server".padStart(10)}${"bare relay".padStart(12)}${"ratio".padStart(8)}`);
  for (const [name, a, b, r] of rows)
    console.log(`${name.padEnd(38)}${String(a).padStart(10)}${String(b).padStart(12)}${String(r).padStart(8)}`);
  console.log(`\n${JSON.stringify(result)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runBenchmark({
    seconds: Number(process.env.BENCH_SECONDS ?? 30),
    editors: Number(process.env.BENCH_EDITORS ?? 20),
    viewers: Number(process.env.BENCH_VIEWERS ?? 100),
    keysPerSecond: Number(process.env.BENCH_KEYS_PER_SECOND ?? 5),
    adminUrl: process.env.BENCH_ADMIN_DATABASE_URL,
    log: (line) => console.log(`[bench] ${line}`),
  })
    .then((result) => {
      printTable(result);
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
