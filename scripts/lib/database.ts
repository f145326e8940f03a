import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "@/lib/config";
import { checkDatabase } from "@/lib/infra/database-check";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/infra/embedded-postgres";

export const EMBEDDED_DATABASE = "rapporteur";

export interface OpenDatabase {
  url: string;
  embedded: EmbeddedServer | null;
}

/**
 * The database of this run: the server named by DATABASE_URL (checked, with a
 * one-sentence error if it cannot be used), or the embedded Postgres in DATA_DIR.
 */
export async function openDatabase(config: Config): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    await checkDatabase(config.DATABASE_URL);
    return { url: config.DATABASE_URL, embedded: null };
  }
  const embedded = await startEmbeddedPostgres({
    dir: path.join(config.DATA_DIR, "postgres"),
    port: config.EMBEDDED_PG_PORT,
  });
  await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE);
  return { url: embedded.urlFor(EMBEDDED_DATABASE), embedded };
}

/**
 * The session secret: required in configuration when a real DATABASE_URL is
 * used; generated once into DATA_DIR for the embedded default.
 */
export function sessionSecret(config: Config): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  if (config.DATABASE_URL) {
    throw new Error("NEXTAUTH_SECRET must be set (at least 16 characters) when DATABASE_URL is set.");
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = path.join(config.DATA_DIR, "session-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}
