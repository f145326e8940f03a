import { describe, expect, it } from "vitest";
import { runBenchmark } from "./run";

describe("the collaboration benchmark (3-second smoke run)", () => {
  it("delivers every keystroke to every client, stores every one, and reports its numbers", async () => {
    const result = await runBenchmark({ seconds: 3, editors: 3, viewers: 5, adminUrl: process.env.TEST_ADMIN_DATABASE_URL });
    expect(result.server.keystrokes).toBeGreaterThan(0);
    expect(result.server.undelivered).toBe(0);
    expect(result.server.unacknowledged).toBe(0);
    expect(result.server.lostUpdates).toBe(0);
    expect(result.floor.undelivered).toBe(0);
    for (const value of [result.server.relayP99Ms, result.server.storedP99Ms, result.floor.relayP99Ms, result.ratios.relayP99]) {
      expect(typeof value).toBe("number");
    }
  }, 90_000);
});
