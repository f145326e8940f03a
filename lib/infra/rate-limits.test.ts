import { randomUUID } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sharedLimiter } from "./rate-limits";

describe("rate limits shared by every instance", () => {
  it("count in Postgres: two limiters (as two processes hold) share one budget", async () => {
    const options = { keyPrefix: `test-${randomUUID()}`, points: 4, duration: 60 };
    const onA = sharedLimiter(options);
    const onB = sharedLimiter(options);
    await onA.consume("someone");
    await onB.consume("someone");
    await onA.consume("someone");
    await onB.consume("someone");
    // Per-process counts would allow each its own 4; the shared count is spent.
    await expect(onA.consume("someone")).rejects.toBeInstanceOf(RateLimiterRes);
    await expect(onB.consume("someone")).rejects.toBeInstanceOf(RateLimiterRes);
    // Another key has its own budget.
    await expect(onB.consume("someone else")).resolves.toBeInstanceOf(RateLimiterRes);
    const row = await db().rateLimit.findUniqueOrThrow({ where: { key: `${options.keyPrefix}:someone` } });
    expect(row.points).toBeGreaterThanOrEqual(4);
  });
});
