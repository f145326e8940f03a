/**
 * `npm test`: the unit and integration tests (Vitest, real Postgres, real
 * sockets), then the end-to-end tests (Playwright, real Chromium). Both run
 * even if the first fails; the exit code is non-zero if either failed.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { environment } from "@/lib/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const extra = process.argv.slice(2);

function stage(name: string, command: string, args: string[]): number {
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...environment(), FORCE_COLOR: "0" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const code = result.status ?? 1;
  console.log(`=== ${name}: ${code === 0 ? "passed" : `failed (exit ${code})`} in ${seconds} s ===`);
  return code;
}

const unit = stage("unit and integration tests (vitest)", bin("vitest"), ["run", ...extra]);
const e2e = stage("end-to-end tests (playwright)", bin("playwright"), ["test"]);
process.exit(unit !== 0 || e2e !== 0 ? 1 : 0);
