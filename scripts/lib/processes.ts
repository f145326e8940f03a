import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Guard {
  /** Registers a process group to stop if the supervisor dies; stage 1 stops before stage 2. */
  watch(child: ChildProcess, stage?: 1 | 2, signal?: NodeJS.Signals): void;
  /** The orderly end: nothing is left to stop. */
  release(): void;
}

/**
 * Starts the dead-man switch (`guard.mjs`): a small process of its own that
 * stops every registered group when this process dies without stopping them.
 */
export function startGuard(): Guard {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "guard.mjs");
  const guard = spawn(process.execPath, [script], { detached: true, stdio: ["pipe", "ignore", "inherit"] });
  guard.unref();
  const send = (line: string) => {
    if (guard.stdin?.writable) guard.stdin.write(line + "\n");
  };
  return {
    watch(child, stage = 1, signal = "SIGTERM") {
      if (!child.pid) return;
      send(`+${child.pid} ${stage} ${signal}`);
      child.once("exit", () => send(`-${child.pid}`));
    },
    release() {
      guard.stdin?.end();
    },
  };
}

/**
 * Starts a child in a process group of its own, so that stopping it stops
 * everything it started too (Next may fork workers; Postgres forks its backends).
 */
export function startGroup(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; name: string; quiet?: boolean },
): ChildProcess {
  const child = spawn(command, args, {
    env: options.env,
    detached: true,
    stdio: options.quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"],
  });
  return child;
}

/** Sends a signal to the child's whole group; waits for it to exit, then kills what is left. */
export async function stopGroup(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Resolves once `url` answers 2xx, or rejects after the timeout or if the child dies. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The process serving ${url} exited with code ${child.exitCode}.`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} seconds.`);
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (c) => (output += c));
    child.stderr?.on("data", (c) => (output += c));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (exit ${code}).\n${output}`)),
    );
  });
}
