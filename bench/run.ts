/**
 * `npm run bench`: the collaboration server side by side with Hocuspocus (the
 * peer, with its database extension on the same Postgres) and a bare
 * websocket relay (the floor), in the situations a conference produces.
 * Repetitions alternate between the servers; the table shows medians and the
 * ratios of our figures to the peer's and the floor's, measured in this run.
 *
 *   BENCH_SCENARIO   viewers | idle-writers | watchers | acknowledgements | booklet | headroom | instances | all
 *                    (default: all but headroom)
 *   BENCH_RUNS (3), BENCH_SECONDS (20), BENCH_KEYS_PER_SECOND (5), BENCH_EDITORS (20),
 *   BENCH_SERVERS (rapporteur,hocuspocus,relay), BENCH_PIN (1: server on core 0, clients on core 1),
 *   BENCH_HEADROOM_START (1000), BENCH_HEADROOM_MAX (16000), BENCH_INSTANCE_WATCHERS (2000),
 *   BENCH_ADMIN_DATABASE_URL (default: an embedded Postgres in .data/bench-postgres).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { loadDraft } from "@/lib/drafts/store";
import * as Y from "yjs";
import { HOCUSPOCUS_TABLE } from "./hocuspocus-table";
import { runBookletBench } from "./booklet";
import { formatInstances, runInstances } from "./instances";
import { runLoad } from "./load";
import { peakMemoryMiB, postgresCpuSeconds, processCpuSeconds, residentKiB, round, writeSyscalls } from "./measure";
import { SERVER_KINDS, pinClientProcess, pinning, startServer, type ServerKind } from "./servers";
import { createWorld, missingFrom, type BenchWorld } from "./setup";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Scenario {
  name: string;
  title: string;
  editors: number;
  /** Stock providers, read-only participants. */
  viewers: number;
  /** Raw sockets that may write (rapporteurs with the document open) but do not. */
  writers: number;
  /** Raw read-only participants. */
  watchers: number;
  /** Client ids that wrote in the document before the run. */
  history: number;
}

export function scenarios(editors = 20): Record<string, Scenario> {
  return {
    viewers: {
      name: "viewers",
      title: `${editors} editors + 100 viewers`,
      editors,
      viewers: 100,
      writers: 0,
      watchers: 0,
      history: 0,
    },
    "idle-writers": {
      name: "idle-writers",
      title: `${editors} editors + 100 idle writers, 1,000 client ids of history`,
      editors,
      viewers: 0,
      writers: 100,
      watchers: 0,
      history: 1000,
    },
    watchers: {
      name: "watchers",
      title: `${editors} editors + 1,000 read-only watchers`,
      editors,
      viewers: 0,
      writers: 0,
      watchers: 1000,
      history: 0,
    },
  };
}

export interface RunOptions {
  seconds: number;
  keysPerSecond: number;
  log: (line: string) => void;
}

export type RunResult = Awaited<ReturnType<typeof runOnce>>;

/** One run of one scenario on one server, on a fresh document and a fresh server process. */
export async function runOnce(world: BenchWorld, kind: ServerKind, scenario: Scenario, options: RunOptions) {
  const room = await world.document(scenario.history);
  const rapporteurs = await world.cookies("RAPPORTEUR", scenario.editors + scenario.writers);
  const participants = await world.cookies("PARTICIPANT", scenario.viewers + scenario.watchers);
  const ours = kind === "rapporteur";
  const credentials = {
    editors: ours ? rapporteurs.slice(0, scenario.editors) : Array(scenario.editors).fill(""),
    writers: ours ? rapporteurs.slice(scenario.editors) : Array(scenario.writers).fill(""),
    viewers: ours ? participants.slice(0, scenario.viewers) : Array(scenario.viewers).fill(""),
    watchers: ours ? participants.slice(scenario.viewers) : Array(scenario.watchers).fill(""),
  };
  const server = await startServer(kind, world);
  // At rest: started, ready, no socket yet.
  const restMiB = residentKiB(server.pid) / 1024;
  let cpuBefore = 0;
  let writesBefore = 0;
  let databaseBefore = 0;
  let database: number | null = null;
  let writes = 0;
  let lag = { maxMs: 0, p99Ms: 0 };
  let cpu = 0;
  let residentBefore = 0;
  let residentPerWatcherKiB: number | null = null;
  try {
    const load = await runLoad({
      target: { protocol: server.protocol, url: server.url, room },
      credentials,
      seconds: options.seconds,
      keysPerSecond: options.keysPerSecond,
      expectStored: ours,
      onWatchers: (phase) => {
        if (phase === "start") residentBefore = residentKiB(server.pid);
        else if (scenario.watchers + scenario.writers > 0) {
          residentPerWatcherKiB = (residentKiB(server.pid) - residentBefore) / (scenario.watchers + scenario.writers);
        }
      },
      onTyping: async (phase) => {
        if (phase === "start") {
          await server.lag();
          cpuBefore = processCpuSeconds(server.pid);
          writesBefore = writeSyscalls(server.pid);
          if (world.databasePid) databaseBefore = postgresCpuSeconds(world.databasePid);
        } else {
          cpu = processCpuSeconds(server.pid) - cpuBefore;
          writes = writeSyscalls(server.pid) - writesBefore;
          if (world.databasePid) database = postgresCpuSeconds(world.databasePid) - databaseBefore;
          lag = await server.lag();
        }
      },
    });
    const peakMiB = peakMemoryMiB(server.pid);
    await server.stop();
    // What the server stored, once it stopped: keystrokes it lacks are lost.
    let lost: number | null = null;
    if (ours) {
      const stored = await loadDraft(room);
      lost = missingFrom(Y.encodeStateAsUpdate(stored), load.authored);
      stored.destroy();
    } else if (kind === "hocuspocus") {
      const client = new pg.Client({ connectionString: world.databaseUrl });
      await client.connect();
      const row = await client.query<{ data: Buffer }>(`select data from ${HOCUSPOCUS_TABLE} where name = $1`, [room]);
      await client.end();
      lost = missingFrom(new Uint8Array(row.rows[0].data), load.authored);
    }
    return {
      kind,
      keystrokes: load.keystrokes,
      receivers: load.receivers,
      undelivered: load.undelivered,
      deliveredRatio: load.deliveredRatio,
      converged: load.converged,
      unacknowledged: load.unacknowledged,
      lost,
      relayP50Ms: load.relayP50,
      relayP99Ms: load.relayP99,
      storedP99Ms: load.storedP99,
      greetedMaxMs: load.greetedMax,
      acknowledgementBytesPerKeystroke: ours ? load.acknowledgementBytesPerKeystroke : null,
      rawFramesPerKeystroke: load.rawFramesPerKeystroke,
      writeSyscallsPerKeystroke: load.keystrokes === 0 ? null : writes / load.keystrokes,
      rawBytesPerKeystroke: load.rawBytesPerKeystroke,
      serverCpuSeconds: cpu,
      serverCpuPercent: (100 * cpu) / load.elapsedSeconds,
      serverRestMiB: restMiB,
      serverPeakMiB: peakMiB,
      databaseCpuPercent: database === null ? null : (100 * database) / load.elapsedSeconds,
      residentPerWatcherKiB,
      lagMaxMs: lag.maxMs,
      lagP99Ms: lag.p99Ms,
      clientCpuSeconds: load.clientCpuSeconds,
    };
  } finally {
    await server.stop();
  }
}

const median = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
};

type NumericKey = {
  [K in keyof RunResult]: RunResult[K] extends number | null ? K : never;
}[keyof RunResult];

/** The medians of several runs of one server, and whether every run delivered everything and converged. */
export function summarize(runs: RunResult[]) {
  const pick = (key: NumericKey) => median(runs.map((r) => r[key]));
  return {
    runs: runs.length,
    keystrokes: pick("keystrokes"),
    allDelivered: runs.every((r) => r.undelivered === 0),
    converged: runs.every((r) => r.converged),
    deliveredRatio: pick("deliveredRatio"),
    unacknowledged: pick("unacknowledged"),
    lost: pick("lost"),
    relayP50Ms: pick("relayP50Ms"),
    relayP99Ms: pick("relayP99Ms"),
    storedP99Ms: pick("storedP99Ms"),
    greetedMaxMs: pick("greetedMaxMs"),
    acknowledgementBytesPerKeystroke: pick("acknowledgementBytesPerKeystroke"),
    rawFramesPerKeystroke: pick("rawFramesPerKeystroke"),
    writeSyscallsPerKeystroke: pick("writeSyscallsPerKeystroke"),
    rawBytesPerKeystroke: pick("rawBytesPerKeystroke"),
    serverCpuPercent: pick("serverCpuPercent"),
    serverRestMiB: pick("serverRestMiB"),
    serverPeakMiB: pick("serverPeakMiB"),
    databaseCpuPercent: pick("databaseCpuPercent"),
    residentPerWatcherKiB: pick("residentPerWatcherKiB"),
    lagMaxMs: pick("lagMaxMs"),
    lagP99Ms: pick("lagP99Ms"),
    clientCpuSeconds: pick("clientCpuSeconds"),
  };
}

export type Summary = ReturnType<typeof summarize>;

/**
 * Every server through one scenario, `runs` times, the order rotating each
 * time. First, with `warmupSeconds`, one short run on each server that is not
 * counted: the client process compiles each protocol's client code on its
 * first use, and without it the first measured run of the process (always
 * the same server's) carries that cost in its first half-second.
 */
export async function runScenario(
  world: BenchWorld,
  scenario: Scenario,
  servers: ServerKind[],
  options: RunOptions & { runs: number; warmupSeconds?: number },
): Promise<Partial<Record<ServerKind, Summary>>> {
  const results = new Map<ServerKind, RunResult[]>(servers.map((s) => [s, []]));
  if (options.warmupSeconds) {
    for (const kind of servers) {
      options.log(`${scenario.name}: warming up on ${kind} (not counted)…`);
      await runOnce(world, kind, scenario, { ...options, seconds: options.warmupSeconds });
    }
  }
  for (let run = 0; run < options.runs; run++) {
    const order = servers.map((_, i) => servers[(i + run) % servers.length]);
    for (const kind of order) {
      options.log(`${scenario.name}: run ${run + 1}/${options.runs} on ${kind}…`);
      results.get(kind)!.push(await runOnce(world, kind, scenario, options));
    }
  }
  return Object.fromEntries([...results].map(([kind, runs]) => [kind, summarize(runs)]));
}

/**
 * Headroom: the largest audience of raw watchers each server holds with every
 * keystroke delivered and the last receiver's p99 under a second, doubling
 * from `start` until a run fails.
 */
export async function runHeadroom(
  world: BenchWorld,
  servers: ServerKind[],
  options: RunOptions & { editors: number; start: number; max: number },
) {
  const held: Partial<Record<ServerKind, { watchers: number; relayP99Ms: number | null; serverCpuPercent: number }>> = {};
  const failedAt: Partial<Record<ServerKind, { watchers: number; why: string }>> = {};
  for (const kind of servers) {
    for (let watchers = options.start; watchers <= options.max; watchers *= 2) {
      options.log(`headroom: ${watchers} watchers on ${kind}…`);
      const scenario: Scenario = {
        name: "headroom",
        title: "",
        editors: options.editors,
        viewers: 0,
        writers: 0,
        watchers,
        history: 0,
      };
      let why: string | null = null;
      try {
        const result = await runOnce(world, kind, scenario, options);
        if (result.undelivered > 0) why = `${result.undelivered} keystrokes undelivered`;
        else if ((result.relayP99Ms ?? Infinity) >= 1000) why = `p99 ${round(result.relayP99Ms)} ms`;
        else held[kind] = { watchers, relayP99Ms: round(result.relayP99Ms), serverCpuPercent: round(result.serverCpuPercent)! };
      } catch (error) {
        why = error instanceof Error ? error.message.slice(0, 200) : String(error);
      }
      if (why) {
        failedAt[kind] = { watchers, why };
        break;
      }
    }
  }
  return { held, failedAt };
}

const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : round(a / b, 2);

const ROWS: [string, keyof Summary, number][] = [
  ["keystrokes (median)", "keystrokes", 0],
  ["every keystroke delivered, all runs", "allDelivered", 0],
  ["stock clients converged, all runs", "converged", 0],
  ["delivered ratio", "deliveredRatio", 4],
  ["keystroke → last receiver p50 (ms)", "relayP50Ms", 1],
  ["keystroke → last receiver p99 (ms)", "relayP99Ms", 1],
  ["keystroke → frame 100 p99 (ms)", "storedP99Ms", 1],
  ["keystrokes not stored after stop", "lost", 0],
  ["raw socket greeted, slowest (ms)", "greetedMaxMs", 0],
  ["memory per raw socket, once greeted (KiB)", "residentPerWatcherKiB", 0],
  ["frame 100 bytes per keystroke", "acknowledgementBytesPerKeystroke", 1],
  ["frames per raw socket per keystroke", "rawFramesPerKeystroke", 2],
  ["bytes per raw socket per keystroke", "rawBytesPerKeystroke", 1],
  ["server write system calls per keystroke", "writeSyscallsPerKeystroke", 1],
  ["server CPU (% of one core)", "serverCpuPercent", 0],
  ["server RSS at rest (MiB)", "serverRestMiB", 0],
  ["server peak RSS (MiB)", "serverPeakMiB", 0],
  ["database CPU while typing (% of one core)", "databaseCpuPercent", 0],
  ["event-loop lag max (ms)", "lagMaxMs", 1],
  ["event-loop lag p99 (ms)", "lagP99Ms", 1],
  ["client CPU (s)", "clientCpuSeconds", 1],
];

export function formatScenario(title: string, summaries: Partial<Record<ServerKind, Summary>>): string {
  const kinds = SERVER_KINDS.filter((k) => summaries[k]);
  const ours = summaries.rapporteur;
  const header = [
    "",
    ...kinds,
    ...(ours && summaries.hocuspocus ? ["÷ hocuspocus"] : []),
    ...(ours && summaries.relay ? ["÷ relay"] : []),
  ];
  const lines = [`\n### ${title}\n`, `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const [label, key, digits] of ROWS) {
    const show = (v: unknown) =>
      v === null || v === undefined ? "—" : typeof v === "number" ? String(round(v, digits)) : v ? "yes" : "no";
    const cells = kinds.map((k) => show(summaries[k]![key]));
    const numeric =
      typeof ours?.[key] === "number" &&
      [
        "relayP50Ms",
        "relayP99Ms",
        "serverCpuPercent",
        "lagMaxMs",
        "serverPeakMiB",
        "residentPerWatcherKiB",
        "greetedMaxMs",
      ].includes(key);
    if (ours && summaries.hocuspocus)
      cells.push(numeric ? show(ratio(ours[key] as number, summaries.hocuspocus[key] as number)) : "");
    if (ours && summaries.relay) cells.push(numeric ? show(ratio(ours[key] as number, summaries.relay[key] as number)) : "");
    lines.push(`| ${label} | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

async function main() {
  const env = process.env;
  const seconds = Number(env.BENCH_SECONDS ?? 20);
  const runs = Number(env.BENCH_RUNS ?? 3);
  const warmupSeconds = Number(env.BENCH_WARMUP_SECONDS ?? 3);
  const keysPerSecond = Number(env.BENCH_KEYS_PER_SECOND ?? 5);
  const editors = Number(env.BENCH_EDITORS ?? 20);
  const servers = (env.BENCH_SERVERS ?? SERVER_KINDS.join(",")).split(",") as ServerKind[];
  const chosen = env.BENCH_SCENARIO ?? "viewers,idle-writers,watchers,acknowledgements,booklet";
  const wanted =
    chosen === "all"
      ? ["viewers", "idle-writers", "watchers", "acknowledgements", "booklet", "headroom", "instances"]
      : chosen.split(",");
  const log = (line: string) => console.log(`[bench] ${line}`);
  pinClientProcess();
  log(pinning ? "server pinned to core 0, clients to core 1" : "no pinning (BENCH_PIN=0, one core, or no taskset)");
  const world = await createWorld({ adminUrl: env.BENCH_ADMIN_DATABASE_URL, dataDir: path.join(root, ".data/bench-postgres") });
  const output: string[] = [];
  const json: Record<string, unknown> = { settings: { seconds, runs, keysPerSecond, editors, servers, pinning } };
  try {
    const all = scenarios(editors);
    for (const name of wanted) {
      if (all[name]) {
        const summaries = await runScenario(world, all[name], servers, { seconds, runs, keysPerSecond, log, warmupSeconds });
        json[name] = summaries;
        output.push(formatScenario(`${all[name].title} × ${keysPerSecond} keys/s, ${seconds} s, medians of ${runs}`, summaries));
      } else if (name === "acknowledgements") {
        // Frame 100 bytes per keystroke on a short history and a long one: they should not differ.
        const figures: Record<string, number | null> = {};
        for (const history of [10, 1000]) {
          const scenario: Scenario = { name, title: "", editors: 5, viewers: 0, writers: 5, watchers: 0, history };
          log(`acknowledgements: ${history} historical client ids…`);
          const result = await runOnce(world, "rapporteur", scenario, { seconds: 5, keysPerSecond, log });
          figures[`history${history}`] = round(result.acknowledgementBytesPerKeystroke, 2);
        }
        json.acknowledgements = figures;
        output.push(
          `\n### Frame 100 bytes per keystroke (5 editors + 5 idle writers, 5 s)\n\n| 10 client ids of history | 1,000 client ids of history |\n|---|---|\n| ${figures.history10} | ${figures.history1000} |`,
        );
      } else if (name === "booklet") {
        log("booklet: the demo's Final message set as PDF and DOCX…");
        const booklet = await runBookletBench(world);
        json.booklet = booklet;
        output.push(
          `\n### Booklet of the demo's three-theme Final set (median of 5, after a first PDF of ${booklet.firstPdfMs} ms)\n\n| PDF | DOCX |\n|---|---|\n| ${booklet.pdfMs} ms, ${booklet.pdfKiB} KiB | ${booklet.docxMs} ms, ${booklet.docxKiB} KiB |`,
        );
      } else if (name === "instances") {
        const watchers = Number(env.BENCH_INSTANCE_WATCHERS ?? 2000);
        const summaries = await runInstances(world, { seconds, keysPerSecond, editors, watchers, runs, log });
        json.instances = summaries;
        output.push(
          formatInstances(
            `One document, ${editors} editors spread over the instances + ${watchers} watchers, one Postgres × ${keysPerSecond} keys/s, ${seconds} s, medians of ${runs}`,
            summaries,
          ),
        );
      } else if (name === "headroom") {
        const start = Number(env.BENCH_HEADROOM_START ?? 1000);
        const max = Number(env.BENCH_HEADROOM_MAX ?? 16000);
        const headroom = await runHeadroom(
          world,
          servers.filter((s) => s !== "relay"),
          { seconds: Math.min(seconds, 10), keysPerSecond, log, editors, start, max },
        );
        json.headroom = headroom;
        const rows = Object.entries(headroom.failedAt).map(
          ([kind, failed]) =>
            `| ${kind} | ${headroom.held[kind as ServerKind]?.watchers ?? "< " + start} | ${failed?.watchers} (${failed?.why}) |`,
        );
        for (const [kind, held] of Object.entries(headroom.held))
          if (!headroom.failedAt[kind as ServerKind]) rows.push(`| ${kind} | ≥ ${held.watchers} | — |`);
        output.push(
          `\n### Headroom: watchers held (every keystroke delivered, p99 < 1 s)\n\n| server | held | failed at |\n|---|---|---|\n${rows.join("\n")}`,
        );
      } else {
        throw new Error(`unknown scenario "${name}"`);
      }
    }
  } finally {
    await world.close();
  }
  console.log(output.join("\n"));
  console.log(`\n${JSON.stringify(json)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
