#!/usr/bin/env node
// @ts-check
/**
 * Run the installed Prisma CLI, falling back to our WebAssembly schema engine bridge when the
 * native schema engine is missing.
 *
 *   node scripts/prisma.mjs <prisma args...>      e.g. `node scripts/prisma.mjs migrate deploy`
 *
 * The Prisma CLI downloads its native "schema engine" (used by migrate / db commands, and
 * checked for by `prisma generate`) from Prisma's binary host, which is unreachable on some of
 * our machines. When that download did not happen, this wrapper points the CLI at
 * prisma/engine/schema-engine.mjs through PRISMA_SCHEMA_ENGINE_BINARY (see that file's header).
 * It never overrides a PRISMA_SCHEMA_ENGINE_BINARY (or the older PRISMA_MIGRATION_ENGINE_BINARY)
 * the user has set, and steps aside as soon as a native engine is installed.
 *
 * Other scripts can reuse the same environment:
 *   import { prismaEnv } from "./prisma.mjs";
 *   spawn(process.execPath, [prismaCliPath(), "migrate", "deploy"], { env: prismaEnv(process.env) });
 */

import { spawn } from "node:child_process";
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Absolute path of the bridge executable. */
export const BRIDGE_PATH = resolve(here, "../prisma/engine/schema-engine.mjs");

/** Absolute path of the installed Prisma CLI entry point (node_modules/prisma/build/index.js). */
export function prismaCliPath() {
  return join(dirname(require.resolve("prisma/package.json")), "build", "index.js");
}

/**
 * The folders where Prisma 7.10's CLI looks for `schema-engine-<binary target>` (function `ug`
 * in node_modules/prisma/build/cli.js): @prisma/engines' folder, then node_modules/prisma,
 * node_modules, and node_modules/prisma/runtime.
 * @returns {string[]}
 */
export function nativeEngineSearchDirs() {
  /** @type {string[]} */
  const dirs = [];
  try {
    dirs.push(dirname(require.resolve("@prisma/engines/package.json")));
  } catch {
    /* @prisma/engines not installed */
  }
  try {
    const prismaDir = dirname(require.resolve("prisma/package.json"));
    dirs.push(prismaDir, dirname(prismaDir), join(prismaDir, "runtime"));
  } catch {
    /* prisma not installed */
  }
  return dirs;
}

/**
 * Path of a downloaded native schema engine, if any. Prisma downloads only the engine for the
 * current platform, so any `schema-engine-<target>` file in those folders counts.
 * @returns {string | undefined}
 */
export function findNativeSchemaEngine() {
  for (const dir of nativeEngineSearchDirs()) {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!/^schema-engine-[a-z0-9._-]+?(\.exe)?$/i.test(name) || /\.(gz|sha256|tmp|partial)$/i.test(name)) continue;
      const file = join(dir, name);
      try {
        if (statSync(file).isFile()) return file;
      } catch {
        /* vanished */
      }
    }
  }
  return undefined;
}

/**
 * The environment to run the Prisma CLI with: `baseEnv` plus PRISMA_SCHEMA_ENGINE_BINARY pointing
 * at the bridge when the user set no engine path and no native engine is installed. Also makes
 * sure the running `node` is on PATH, since the bridge starts with `#!/usr/bin/env node`.
 * @param {Record<string, string | undefined>} [baseEnv]
 * @returns {Record<string, string | undefined>}
 */
export function prismaEnv(baseEnv = process.env) {
  const env = { ...baseEnv };
  if (env.PRISMA_SCHEMA_ENGINE_BINARY || env.PRISMA_MIGRATION_ENGINE_BINARY) return env;
  if (findNativeSchemaEngine()) return env;
  env.PRISMA_SCHEMA_ENGINE_BINARY = BRIDGE_PATH;
  const nodeDir = dirname(process.execPath);
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === "PATH") ?? "PATH";
  const path = env[pathKey] ?? "";
  if (!path.split(delimiter).includes(nodeDir)) env[pathKey] = path ? `${nodeDir}${delimiter}${path}` : nodeDir;
  return env;
}

/**
 * Run the Prisma CLI with `args`, inheriting stdio; resolves to its exit code (128+n if killed
 * by signal n).
 * @param {string[]} args
 * @param {{ env?: Record<string, string | undefined>, cwd?: string }} [options]
 * @returns {Promise<number>}
 */
export function runPrisma(args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [prismaCliPath(), ...args], {
      stdio: "inherit",
      env: /** @type {NodeJS.ProcessEnv} */ (prismaEnv(options.env ?? process.env)),
      cwd: options.cwd,
    });
    /** @type {NodeJS.Signals[]} */
    const forwarded = ["SIGINT", "SIGTERM", "SIGHUP"];
    /** @param {NodeJS.Signals} signal */
    const forward = (signal) => child.kill(signal);
    for (const s of forwarded) process.on(s, forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      for (const s of forwarded) process.off(s, forward);
      if (signal) {
        const n = /** @type {Record<string, number>} */ ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 })[signal] ?? 0;
        resolvePromise(128 + n);
      } else {
        resolvePromise(code ?? 1);
      }
    });
  });
}

function executedDirectly() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (executedDirectly()) {
  if (!existsSync(BRIDGE_PATH)) {
    console.error(`scripts/prisma.mjs: missing ${BRIDGE_PATH}`);
  }
  runPrisma(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
