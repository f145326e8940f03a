/**
 * The floors of the house (docs/ARCHITECTURE.md), checked on the source:
 * one reader of the environment, thin pages and routes, and imports that
 * only point down.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

function sources(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "generated") walk(relative);
      } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name)) found.push(relative);
    }
  };
  walk(folder);
  return found;
}

/** Tests and their helpers (server/*-harness.ts hold the state the test files of one server share). */
const isTest = (file: string) =>
  /\.test\.tsx?$/.test(file) ||
  /^server\/[\w-]+-harness\.ts$/.test(file) ||
  file.startsWith("lib/testing/") ||
  file === "server/testing.ts";
const runtime = [...["app", "components", "lib", "server", "scripts"].flatMap(sources), "proxy.ts", "instrumentation.ts"].filter(
  (file) => !isTest(file),
);
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const importsOf = (file: string) => [...read(file).matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]);

describe("the floors of the house", () => {
  it("has runtime files to check", () => {
    expect(runtime.length).toBeGreaterThan(100);
    expect(runtime).toContain("lib/config.ts");
  });

  it("reads the environment in lib/config.ts only", () => {
    // scripts/prisma.mjs runs Prisma's own CLI before anything of ours is built, with the environment it was given.
    const allowed = new Set(["lib/config.ts", "scripts/prisma.mjs"]);
    const readers = runtime.filter((file) => !allowed.has(file) && /process\.env\b/.test(read(file)));
    expect(readers).toEqual([]);
  });

  it("keeps the database client out of app/ and components/: pages and routes call views and commands in lib/", () => {
    const offenders = [...sources("app"), ...sources("components")].filter((file) =>
      importsOf(file).some((target) => target === "@/lib/db" || target === "@/lib/generated/prisma/client" || target === "pg"),
    );
    expect(offenders).toEqual([]);
  });

  it("lets lib/ import neither the app, the components nor the servers, and the servers not the app", () => {
    const upward = (file: string, floors: string[]) =>
      importsOf(file)
        .filter((target) => floors.some((floor) => target.startsWith(`@/${floor}/`)))
        .map((target) => `${file} → ${target}`);
    const fromLib = runtime
      .filter((file) => file.startsWith("lib/"))
      .flatMap((file) => upward(file, ["app", "components", "server", "scripts"]));
    const fromServer = runtime
      .filter((file) => file.startsWith("server/"))
      .flatMap((file) => upward(file, ["app", "components", "scripts"]));
    expect([...fromLib, ...fromServer]).toEqual([]);
  });
});
