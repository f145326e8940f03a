import { existsSync, readFileSync, renameSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** Where the compiled servers go: one level below the root, so paths our code takes relative to its own file ("..") still reach the root. */
export const SERVERS_DIR = ".build";

const ENTRIES = {
  /** The collaboration server (and the publication scheduler): server/index.ts. */
  "collab-server": "server/index.ts",
  /** The app's HTTP front, which hands requests to Next.js: scripts/serve-app.ts. */
  "serve-app": "scripts/serve-app.ts",
} as const;

export type ServerName = keyof typeof ENTRIES;

/**
 * Compiles the servers to JavaScript: our TypeScript bundled into one ES
 * module each, every package left to node_modules. Production and the
 * end-to-end tests run these, not the TypeScript loader: they start faster
 * and hold less memory. A file is rewritten only when its bytes change, by
 * an atomic rename, so that starts running side by side never read half a
 * file.
 */
export async function buildServers(root: string): Promise<void> {
  const outdir = path.join(root, SERVERS_DIR);
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20.19",
    write: false,
    logLevel: "error",
    legalComments: "none",
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    if (existsSync(file.path) && Buffer.compare(readFileSync(file.path), Buffer.from(file.contents)) === 0) continue;
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

/** How to run a server: its compiled module, or (in development, or before a build) its TypeScript through tsx. */
export function serverArgs(root: string, name: ServerName, compiled: boolean): string[] {
  return compiled ? [path.join(root, SERVERS_DIR, `${name}.mjs`)] : ["--import", "tsx", path.join(root, ENTRIES[name])];
}
