import { spawnSync } from "node:child_process";
import pg from "pg";
import * as Y from "yjs";
import { RELAY_CHANNEL } from "@/lib/collab/relay";
import { Deliveries, docClient, watcher, type Target } from "./clients";
import { ownParagraphs } from "./load";
import { percentile, postgresCpuSeconds, processCpuSeconds, round } from "./measure";
import { pinning, startServer, type BenchServer } from "./servers";
import type { BenchWorld } from "./setup";

/**
 * `BENCH_SCENARIO=instances`: one document, its editors spread over the
 * collaboration instances and a plenary's audience of read-only watchers, on
 * one instance and on two sharing one Postgres. Three set-ups, alternating,
 * medians: one instance with half the audience (the figure two must match),
 * one instance with all of it, and two instances with half each.
 */
export interface InstancesSetup {
  name: string;
  instances: 1 | 2;
  watchers: number;
}

export function instanceSetups(watchers: number): InstancesSetup[] {
  return [
    { name: `1 instance, ${watchers / 2} watchers`, instances: 1, watchers: watchers / 2 },
    { name: `1 instance, ${watchers} watchers`, instances: 1, watchers },
    { name: `2 instances, ${watchers} watchers (${watchers / 2} each)`, instances: 2, watchers },
  ];
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

/** A ledger that is two: every receiver reports to both (the audience as a whole, and the cross-instance part). */
function both(a: Deliveries, b: Deliveries): Deliveries {
  return {
    receiver: () => {
      const first = a.receiver();
      const second = b.receiver();
      return (author: number, state: number) => {
        first(author, state);
        second(author, state);
      };
    },
    set acknowledgementBytes(value: number) {
      a.acknowledgementBytes = value;
    },
    get acknowledgementBytes() {
      return a.acknowledgementBytes;
    },
  } as unknown as Deliveries;
}

export async function runInstancesOnce(
  world: BenchWorld,
  setup: InstancesSetup,
  options: { seconds: number; keysPerSecond: number; editors: number; log: (line: string) => void },
) {
  const room = await world.document(0);
  const editorCookies = await world.cookies("RAPPORTEUR", options.editors);
  const watcherCookies = await world.cookies("PARTICIPANT", setup.watchers);
  const servers: BenchServer[] = [];
  for (let i = 0; i < setup.instances; i++) servers.push(await startServer("rapporteur", world));
  // Two instances: one per core, as two machines would each have their own (the clients share the second),
  // unless BENCH_INSTANCE_CORES=shared keeps both on the server's core (the relay's cost at equal CPU).
  if (setup.instances === 2 && pinning && process.env.BENCH_INSTANCE_CORES !== "shared") {
    spawnSync("taskset", ["-a", "-p", "-c", "1", String(servers[1].pid)], { stdio: "ignore" });
  }
  const targets: Target[] = servers.map((s) => ({ protocol: "y-websocket", url: s.url, room }));
  const all = new Deliveries();
  // Keystrokes on instance A as heard by watchers on instance B: the cost of crossing.
  const cross = new Deliveries();
  cross.receiver(); // the author's own place in the count (a ledger expects its author among the receivers)
  const listener = new pg.Client({ connectionString: world.databaseUrl });
  await listener.connect();
  let notifications = 0;
  listener.on("notification", () => (notifications += 1));
  await listener.query(`listen ${RELAY_CHANNEL}`);
  const editors = editorCookies.map((cookie, i) => ({
    on: i % setup.instances,
    client: docClient(targets[i % setup.instances], cookie, all, true),
  }));
  const watchers: ReturnType<typeof watcher>[] = [];
  try {
    if (!(await until(() => editors.every((e) => e.client.synced()), 60_000))) throw new Error("editors did not sync");
    watcherCookies.forEach((cookie, i) => {
      const on = i % setup.instances;
      watchers.push(watcher(targets[on], cookie, setup.instances === 2 && on === 1 ? both(all, cross) : all));
    });
    await until(() => watchers.every((w) => w.greetedAt !== null || w.failed !== null), 60_000);
    const failed = watchers.filter((w) => w.greetedAt === null).length;
    if (failed > 0) throw new Error(`${failed} watchers were not greeted`);
    const texts = ownParagraphs(editors.map(({ client }) => client.doc));
    await new Promise((r) => setTimeout(r, 1000));

    const cpuBefore = servers.map((s) => processCpuSeconds(s.pid));
    const pgBefore = postgresCpuSeconds();
    notifications = 0;
    const started = performance.now();
    const interval = 1000 / options.keysPerSecond;
    const timers: NodeJS.Timeout[] = [];
    editors.forEach(({ on, client }, i) => {
      timers.push(
        setTimeout(
          () => {
            timers[i] = setInterval(() => {
              if (performance.now() - started > options.seconds * 1000) return clearInterval(timers[i]);
              texts[i].insert(texts[i].length, "x");
              const clock = Y.getState(client.doc.store, client.doc.clientID);
              all.type(client.doc.clientID, clock);
              if (setup.instances === 2 && on === 0) cross.type(client.doc.clientID, clock);
            }, interval);
          },
          (interval * i) / editors.length,
        ),
      );
    });
    await new Promise((r) => setTimeout(r, options.seconds * 1000 + interval));
    timers.forEach((t) => clearInterval(t));
    const keystrokes = all.all();
    await until(() => keystrokes.every((k) => k.deliveredAt !== null), 30_000);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = servers.map((s, i) => (100 * (processCpuSeconds(s.pid) - cpuBefore[i])) / elapsed);
    const postgresCpu = (100 * (postgresCpuSeconds() - pgBefore)) / elapsed;
    const notifyRate = notifications / elapsed;
    const delivered = keystrokes.filter((k) => k.deliveredAt !== null);
    const crossed = cross
      .all()
      .filter((k) => k.deliveredAt !== null)
      .map((k) => k.deliveredAt! - k.sentAt);
    const expected = keystrokes.length * (all.receivers - 1);
    const missing = keystrokes.reduce((sum, k) => sum + k.waiting, 0);
    const reference = editors[0].client.doc.getXmlFragment("default").toString();
    return {
      keystrokes: keystrokes.length,
      undelivered: keystrokes.length - delivered.length,
      deliveredRatio: expected === 0 ? 1 : 1 - missing / expected,
      converged: editors.every((e) => e.client.doc.getXmlFragment("default").toString() === reference),
      relayP50Ms: percentile(
        delivered.map((k) => k.deliveredAt! - k.sentAt),
        50,
      ),
      relayP99Ms: percentile(
        delivered.map((k) => k.deliveredAt! - k.sentAt),
        99,
      ),
      storedP50Ms: percentile(
        keystrokes.filter((k) => k.storedAt !== null).map((k) => k.storedAt! - k.sentAt),
        50,
      ),
      storedP99Ms: percentile(
        keystrokes.filter((k) => k.storedAt !== null).map((k) => k.storedAt! - k.sentAt),
        99,
      ),
      crossP50Ms: setup.instances === 2 ? percentile(crossed, 50) : null,
      crossP99Ms: setup.instances === 2 ? percentile(crossed, 99) : null,
      cpuPerInstance: cpu,
      postgresCpuPercent: postgresCpu,
      notifyPerSecond: notifyRate,
    };
  } finally {
    for (const w of watchers) w.close();
    for (const e of editors) e.client.destroy();
    await listener.end().catch(() => {});
    await Promise.all(servers.map((s) => s.stop()));
  }
}

type Result = Awaited<ReturnType<typeof runInstancesOnce>>;

const median = (values: (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
};

export async function runInstances(
  world: BenchWorld,
  options: {
    seconds: number;
    keysPerSecond: number;
    editors: number;
    watchers: number;
    runs: number;
    log: (line: string) => void;
  },
) {
  const setups = instanceSetups(options.watchers);
  const results = new Map<string, Result[]>(setups.map((s) => [s.name, []]));
  for (let run = 0; run < options.runs; run++) {
    const order = setups.map((_, i) => setups[(i + run) % setups.length]);
    for (const setup of order) {
      options.log(`instances: run ${run + 1}/${options.runs}, ${setup.name}…`);
      results.get(setup.name)!.push(await runInstancesOnce(world, setup, options));
    }
  }
  const summaries = setups.map((setup) => {
    const runs = results.get(setup.name)!;
    const pick = (read: (r: Result) => number | null) => median(runs.map(read));
    return {
      setup: setup.name,
      instances: setup.instances,
      allDelivered: runs.every((r) => r.undelivered === 0),
      converged: runs.every((r) => r.converged),
      deliveredRatio: pick((r) => r.deliveredRatio),
      relayP50Ms: round(pick((r) => r.relayP50Ms)),
      relayP99Ms: round(pick((r) => r.relayP99Ms)),
      storedP50Ms: round(pick((r) => r.storedP50Ms)),
      storedP99Ms: round(pick((r) => r.storedP99Ms)),
      crossP50Ms: round(pick((r) => r.crossP50Ms)),
      crossP99Ms: round(pick((r) => r.crossP99Ms)),
      cpuPerInstance: Array.from({ length: setup.instances }, (_, i) =>
        round(
          pick((r) => r.cpuPerInstance[i]),
          0,
        ),
      ),
      postgresCpuPercent: round(
        pick((r) => r.postgresCpuPercent),
        0,
      ),
      notifyPerSecond: round(
        pick((r) => r.notifyPerSecond),
        0,
      ),
    };
  });
  return summaries;
}

export function formatInstances(title: string, summaries: Awaited<ReturnType<typeof runInstances>>): string {
  type Cell = number | boolean | string | (number | null)[] | null;
  const show = (v: Cell): string => {
    if (v === null) return "—";
    if (Array.isArray(v)) return v.map((x) => (x === null ? "—" : String(x))).join(" / ");
    if (typeof v === "boolean") return v ? "yes" : "no";
    return String(v);
  };
  const rows: [string, keyof (typeof summaries)[number]][] = [
    ["every keystroke delivered, all runs", "allDelivered"],
    ["editors converged, all runs", "converged"],
    ["delivered ratio", "deliveredRatio"],
    ["keystroke → last receiver p50 (ms)", "relayP50Ms"],
    ["keystroke → last receiver p99 (ms)", "relayP99Ms"],
    ["keystroke → frame 100 (stored) p50 (ms)", "storedP50Ms"],
    ["keystroke → frame 100 (stored) p99 (ms)", "storedP99Ms"],
    ["keystroke on A → watcher on B p50 (ms)", "crossP50Ms"],
    ["keystroke on A → watcher on B p99 (ms)", "crossP99Ms"],
    ["CPU per instance (% of one core)", "cpuPerInstance"],
    ["Postgres CPU (% of one core)", "postgresCpuPercent"],
    ["relay NOTIFY per second", "notifyPerSecond"],
  ];
  const header = ["", ...summaries.map((s) => s.setup)];
  const lines = [`\n### ${title}\n`, `| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const [label, key] of rows) lines.push(`| ${label} | ${summaries.map((s) => show(s[key])).join(" | ")} |`);
  const [half, , two] = summaries;
  if (half.relayP99Ms !== null && two.relayP99Ms !== null) {
    lines.push(
      `\nTwo instances with the whole audience ÷ one with half of it, p99: ${round(two.relayP99Ms / half.relayP99Ms, 2)}`,
    );
  }
  return lines.join("\n");
}
