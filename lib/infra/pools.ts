import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

/**
 * Every Postgres connection a process may open, named in one place with its
 * size, so that what one process holds can be read here (and Postgres's
 * `max_connections` sized from it: see the README).
 *
 * Pools open connections on demand, up to `max`; an idle connection that
 * died is replaced on next use.
 */
export const POOLS = {
  /** Prisma's queries: pages, routes, commands, compaction, the scheduler (lib/db.ts). */
  prisma: { max: 10, connectionTimeoutMillis: 5_000 },
  /** The update log's group commits and the reading of rows other instances announce (lib/drafts/append.ts). */
  append: { max: 4, connectionTimeoutMillis: 5_000 },
  /** NOTIFY to the other collaboration instances (lib/collab/relay.ts). */
  relay: { max: 2, connectionTimeoutMillis: 5_000 },
  /** Socket places per document and user, shared by the instances (server/socket-budget.ts). */
  socketBudget: { max: 4, connectionTimeoutMillis: 10_000 },
  /** Rate-limit counts shared by the instances (lib/infra/rate-limits.ts). */
  rateLimits: { max: 2, connectionTimeoutMillis: 5_000 },
} as const;

export type PoolName = keyof typeof POOLS;

/**
 * LISTEN connections, one each and outside any pool (lib/collab/listen.ts):
 * control events in every process (rights re-checks, the scheduler), the
 * live hub in the app, the relay in each collaboration instance.
 */
export const LISTENER_TIMEOUT_MS = 5_000;

/** A named pool from the table above. */
export function createPool(name: PoolName, connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, ...POOLS[name] });
  pool.on("error", () => {}); // an idle connection that died is replaced on next use
  return pool;
}

/** Prisma's driver adapter, on the `prisma` pool's settings. */
export function prismaAdapter(connectionString: string): PrismaPg {
  return new PrismaPg({ connectionString, ...POOLS.prisma });
}

/** One connection of its own, for LISTEN. */
export function listenerClient(connectionString: string): pg.Client {
  return new pg.Client({ connectionString, connectionTimeoutMillis: LISTENER_TIMEOUT_MS });
}
