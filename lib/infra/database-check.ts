import pg from "pg";

/** How long we wait for a database server to answer before giving up. */
export const CONNECT_TIMEOUT_MS = 5_000;

export class DatabaseUnavailableError extends Error {}

function describeTarget(url: URL): string {
  return `${url.hostname}:${url.port || "5432"}`;
}

/** Parses a Postgres URL or explains in one sentence why it is not one. */
export function parseDatabaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseUnavailableError("DATABASE_URL is not a valid URL; expected postgres://user:password@host:port/database.");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new DatabaseUnavailableError(`DATABASE_URL must start with postgres:// or postgresql://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new DatabaseUnavailableError("DATABASE_URL names no host.");
  return url;
}

function explain(error: unknown, url: URL): string {
  const target = describeTarget(url);
  const e = error as { code?: string; message?: string };
  const user = decodeURIComponent(url.username || "postgres");
  switch (e.code) {
    case "ECONNREFUSED":
      return `The database server at ${target} refused the connection; is Postgres running there?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The database host ${url.hostname} could not be found.`;
    case "28P01":
    case "28000":
      return `The database server at ${target} refused the credentials of user "${user}".`;
    case "3D000":
      return `The database "${url.pathname.slice(1)}" does not exist on ${target}.`;
    case "ECONNRESET":
      return `The database server at ${target} closed the connection before answering.`;
  }
  if (/timeout/i.test(e.message ?? "")) {
    return `The database server at ${target} did not answer within ${CONNECT_TIMEOUT_MS / 1000} seconds.`;
  }
  return `Could not use the database at ${target}: ${e.message ?? String(error)}.`;
}

/**
 * Connects once and runs a trivial query, turning every way this can fail into
 * one clear sentence (a DatabaseUnavailableError), never a stack trace.
 */
export async function checkDatabase(rawUrl: string): Promise<void> {
  const url = parseDatabaseUrl(rawUrl);
  const client = new pg.Client({
    connectionString: rawUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: CONNECT_TIMEOUT_MS,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new DatabaseUnavailableError(explain(error, url));
  } finally {
    await client.end().catch(() => {});
  }
}
