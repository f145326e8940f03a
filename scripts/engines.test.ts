import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));

describe("the Node the README promises", () => {
  it("is the oldest Node every installed package accepts, so that `npm install` warns of no engine", () => {
    const promised = semver.minVersion(read("package.json").engines.node)!.version;
    expect(promised).toBe("20.19.0");
    const lock = read("package-lock.json") as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const refused = Object.entries(lock.packages)
      .filter(([name]) => name !== "")
      .flatMap(([name, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.satisfies(promised, range) ? [`${name.replace(/^.*node_modules\//, "")}: node ${range}`] : [];
      });
    expect(refused).toEqual([]);
  });
});
