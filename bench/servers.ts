import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@/lib/testing/global-setup";
import type { Protocol } from "./clients";
import { LAG_PATH } from "./lag";
import { buildServers, serverArgs } from "@/scripts/lib/build-servers";

/**
 * The three servers the benchmark compares, each started fresh for every run
 * in its own process: ours, Hocuspocus (the peer) and a bare relay (the floor).
 */
export type ServerKind = "rapporteur" | "hocuspocus" | "relay";
export const SERVER_KINDS: ServerKind[] = ["rapporteur", "hocuspocus", "relay"];

export interface BenchServer {
  kind: ServerKind;
  protocol: Protocol;
  url: string;
  port: number;
  pid: number;
  /** Event-loop lag since the previous call (the first call starts the window). */
  lag(): Promise<{ maxMs: number; p99Ms: number }>;
  stop(): Promise<void>;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Pinning: the server on core 0, the benchmark's clients on core 1, so that
 * runs on different days compare. Off with BENCH_PIN=0, or where there is one
 * core or no `taskset`.
 */
export const pinning = process.env.BENCH_PIN !== "0" && cpus().length >= 2 && spawnSync("taskset", ["-V"]).status === 0;

/**
 * Pins a process of the server side (the embedded Postgres) and its children
 * to the server's core: the database's work is the server's cost, and must not
 * slow the clients it is measured by. Backends forked later inherit it.
 */
export function pinServerSide(pid: number): void {
  if (!pinning) return;
  const children = spawnSync("ps", ["--ppid", String(pid), "-o", "pid="], { encoding: "utf8" })
    .stdout.split(/\s+/)
    .filter(Boolean);
  for (const target of [String(pid), ...children]) spawnSync("taskset", ["-a", "-p", "-c", "0", target], { stdio: "ignore" });
}

/** Pins this (client) process, every thread of it, to core 1. */
export function pinClientProcess(): void {
  if (pinning) spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)], { stdio: "ignore" });
}

/** Runs a script: TypeScript through tsx, or a compiled module (`.mjs`) as it is. */
function spawnScript(script: string, env: Record<string, string>, stdout: "pipe" | "inherit"): ChildProcess {
  // BENCH_CPU_PROFILE=<dir>: each server process writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`]
    : [];
  const loader = script.endsWith(".mjs") ? [] : ["--import", "tsx"];
  const node = [process.execPath, ...profile, ...loader, path.resolve(root, script)];
  const [command, ...args] = pinning ? ["taskset", "-c", "0", ...node] : node;
  return spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", stdout, "inherit"] });
}

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 30_000).unref();
  });

async function waitFor(check: () => Promise<boolean>, what: string, child: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The port a peer script prints as its first line of output. */
const printedPort = (child: ChildProcess, what: string) =>
  new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${what} exited with code ${code}`)));
    child.stdout!.once("data", (chunk) => {
      resolve(JSON.parse(String(chunk).split("\n")[0]).port);
      // Whatever it prints later is passed on: an unread pipe would fill and stall the process.
      child.stdout!.pipe(process.stdout);
    });
  });

async function peerLag(port: number) {
  return (await (await fetch(`http://127.0.0.1:${port}${LAG_PATH}`)).json()) as { maxMs: number; p99Ms: number };
}

export async function startServer(kind: ServerKind, settings: { databaseUrl: string; secret: string }): Promise<BenchServer> {
  if (kind === "rapporteur") {
    const port = await freePort();
    // Ours runs compiled, as `npm start` runs it.
    await buildServers(root);
    const child = spawnScript(
      serverArgs(root, "collab-server", true)[0],
      {
        DATABASE_URL: settings.databaseUrl,
        NEXTAUTH_SECRET: settings.secret,
        COLLAB_PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        // A plenary's audience is one user's many tabs here: the per-user limit is not what is measured.
        COLLAB_MAX_SOCKETS_PER_USER: "100000",
        COLLAB_MAX_SOCKETS_PER_DOCUMENT: "100000",
      },
      "inherit",
    );
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, "the collaboration server", child);
    return {
      kind,
      protocol: "y-websocket",
      url: `ws://127.0.0.1:${port}`,
      port,
      pid: child.pid!,
      // prom-client resets its lag histogram on every scrape, as the peers' probe does on every read.
      lag: async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        const read = (name: string) =>
          Number(
            text
              .split("\n")
              .find((l) => l.startsWith(`rapporteur_collab_process_nodejs_eventloop_lag_${name}_seconds `))
              ?.split(" ")[1] ?? 0,
          ) * 1000;
        return { maxMs: read("max"), p99Ms: read("p99") };
      },
      stop: () => stopProcess(child),
    };
  }
  const script = kind === "hocuspocus" ? "bench/hocuspocus-server.ts" : "bench/bare-relay.ts";
  const child = spawnScript(script, { DATABASE_URL: settings.databaseUrl, PORT: "0" }, "pipe");
  const port = await printedPort(child, kind);
  return {
    kind,
    protocol: kind,
    url: `ws://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    lag: () => peerLag(port),
    stop: () => stopProcess(child),
  };
}
