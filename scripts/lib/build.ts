import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./processes";

/** What the production build depends on; a change to any of these makes it stale. */
const INPUTS = ["app", "components", "lib", "next.config.js", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const SKIP = new Set(["generated", "node_modules"]);

function walk(file: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(file)) return;
  const stat = statSync(file);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(file).sort()) {
      if (!SKIP.has(entry) && !entry.endsWith(".test.ts")) walk(path.join(file, entry), hash);
    }
    return;
  }
  hash.update(file).update("\0").update(readFileSync(file)).update("\0");
}

export function sourceStamp(root: string): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) walk(path.join(root, input), hash);
  return hash.digest("hex");
}

const STAMP_FILE = "rapporteur-build-stamp";

/** Builds the Next.js app into distDir unless a build of the same sources is already there. */
export async function buildIfStale(
  root: string,
  distDir: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<boolean> {
  const stamp = sourceStamp(root);
  const stampPath = path.join(root, distDir, STAMP_FILE);
  if (existsSync(path.join(root, distDir, "BUILD_ID")) && existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp) {
    return false;
  }
  log(`Building the app into ${distDir} (one to three minutes the first time)…`);
  await run(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "build"],
    { ...env, NEXT_DIST_DIR: distDir },
    true,
  );
  // `next build` may rewrite tsconfig.json, so the stamp is taken after it.
  writeFileSync(stampPath, sourceStamp(root));
  return true;
}
