import pg from "pg";

let pool: pg.Pool | undefined;

/**
 * A small pool of plain connections for the hot write path of the update log:
 * one multi-row INSERT per group commit, without an ORM in between (it costs
 * the collaboration server a large share of its CPU under load).
 */
function appendPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4, connectionTimeoutMillis: 5_000 });
    pool.on("error", () => {}); // an idle connection that died is replaced on next use
  }
  return pool;
}

/** Appends updates to a document's log in one statement (one transaction). */
export async function appendUpdates(documentId: string, rows: { update: Uint8Array; userId: string | null }[]): Promise<void> {
  await appendPool().query(
    `insert into "DocumentUpdate" ("documentId", "update", "userId")
     select $1::uuid, u.update, u.user_id from unnest($2::bytea[], $3::uuid[]) as u(update, user_id)`,
    [
      documentId,
      rows.map((r) => Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength)),
      rows.map((r) => r.userId),
    ],
  );
}

export async function closeAppendPool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
