import { config } from "@/lib/config";
import { prismaAdapter } from "@/lib/infra/pools";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { rapporteurDb?: PrismaClient };

export function createDb(url: string): PrismaClient {
  return new PrismaClient({ adapter: prismaAdapter(url) });
}

/**
 * The shared Prisma client of this process, created on first use so that tests
 * can point DATABASE_URL at their own database before anything connects.
 */
export function db(): PrismaClient {
  if (!globalForDb.rapporteurDb) {
    const url = config().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set.");
    globalForDb.rapporteurDb = createDb(url);
  }
  return globalForDb.rapporteurDb;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.rapporteurDb?.$disconnect();
  globalForDb.rapporteurDb = undefined;
}
