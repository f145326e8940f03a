import type pg from "pg";
import { config } from "@/lib/config";
import { createPool } from "@/lib/infra/pools";
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";

let pool: pg.Pool | undefined;

/**
 * A rate limit counted in Postgres (the `RateLimit` table), so that every app
 * and collaboration instance on the database shares one count: a guesser
 * spread over instances gets no more tries than one talking to a single one.
 * If the database cannot be reached, a per-process count stands in (the
 * limit still holds per instance) rather than letting everything through.
 */
export function sharedLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  const insurance = new RateLimiterMemory(options);
  const url = config().DATABASE_URL;
  if (!url) return insurance;
  pool ??= createPool("rateLimits", url);
  return new RateLimiterPostgres({
    ...options,
    storeClient: pool,
    storeType: "pool",
    tableName: "RateLimit",
    tableCreated: true,
    insuranceLimiter: insurance,
  });
}
