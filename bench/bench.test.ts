import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInstances } from "./instances";
import { runScenario, type Scenario } from "./run";
import { SERVER_KINDS } from "./servers";
import { createWorld, type BenchWorld } from "./setup";

/**
 * The benchmark's three scenarios as a short smoke run on all three servers:
 * small counts and two seconds, checking delivery, convergence and (where a
 * server stores) storage; the timings belong to `npm run bench`.
 */
const SMOKE: Scenario[] = [
  { name: "viewers", title: "", editors: 3, viewers: 4, writers: 0, watchers: 0, history: 0 },
  { name: "idle-writers", title: "", editors: 3, viewers: 0, writers: 4, watchers: 0, history: 50 },
  { name: "watchers", title: "", editors: 3, viewers: 0, writers: 0, watchers: 30, history: 0 },
];

describe("the collaboration benchmark (smoke run)", () => {
  let world: BenchWorld;
  beforeAll(async () => {
    world = await createWorld({ adminUrl: process.env.TEST_ADMIN_DATABASE_URL, dataDir: "" });
  }, 60_000);
  afterAll(() => world?.close());

  for (const scenario of SMOKE) {
    it(`${scenario.name}: every keystroke reaches every receiver on every server, and what stores, stores all`, async () => {
      const summaries = await runScenario(world, scenario, SERVER_KINDS, {
        seconds: 2,
        keysPerSecond: 5,
        runs: 1,
        log: () => {},
      });
      for (const kind of SERVER_KINDS) {
        const summary = summaries[kind]!;
        expect(summary.keystrokes, kind).toBeGreaterThan(0);
        expect(summary.allDelivered, kind).toBe(true);
        expect(summary.deliveredRatio, kind).toBe(1);
        expect(summary.converged, kind).toBe(true);
        expect(typeof summary.relayP99Ms, kind).toBe("number");
        expect(typeof summary.lagMaxMs, kind).toBe("number");
      }
      expect(summaries.rapporteur!.unacknowledged).toBe(0);
      expect(summaries.rapporteur!.lost).toBe(0);
      expect(summaries.hocuspocus!.lost).toBe(0);
      if (scenario.watchers > 0) expect(summaries.rapporteur!.greetedMaxMs).not.toBeNull();
      // Writers that do not write hear no acknowledgements; the editors' are a few bytes each.
      expect(summaries.rapporteur!.acknowledgementBytesPerKeystroke).toBeGreaterThan(0);
      expect(summaries.rapporteur!.acknowledgementBytesPerKeystroke).toBeLessThan(20);
    }, 120_000);
  }

  it("instances: with one and with two instances, every keystroke reaches every watcher, across instances too", async () => {
    const summaries = await runInstances(world, {
      seconds: 2,
      keysPerSecond: 5,
      editors: 4,
      watchers: 20,
      runs: 1,
      log: () => {},
    });
    expect(summaries.map((s) => s.instances)).toEqual([1, 1, 2]);
    for (const summary of summaries) {
      expect(summary.allDelivered, summary.setup).toBe(true);
      expect(summary.deliveredRatio, summary.setup).toBe(1);
      expect(summary.converged, summary.setup).toBe(true);
    }
    const two = summaries[2];
    expect(typeof two.crossP99Ms).toBe("number");
    expect(two.cpuPerInstance).toHaveLength(2);
    expect(two.notifyPerSecond).toBeGreaterThan(0);
  }, 180_000);
});
