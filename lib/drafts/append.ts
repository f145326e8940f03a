import type pg from "pg";
import { config } from "@/lib/config";
import { createPool } from "@/lib/infra/pools";

let pool: pg.Pool | undefined;

/**
 * A small pool of plain connections for the hot write path of the update log:
 * one multi-row INSERT per group commit, without an ORM in between (it costs
 * the collaboration server a large share of its CPU under load).
 */
function appendPool(): pg.Pool {
  pool ??= createPool("append", config().DATABASE_URL!);
  return pool;
}

/** The log rows one append wrote: their ids run from `from` to `to` (other documents' rows may lie between). */
export interface AppendedRows {
  from: bigint;
  to: bigint;
  count: number;
}

/** Appends updates to a document's log in one statement (one transaction). */
export async function appendUpdates(
  documentId: string,
  rows: { update: Uint8Array; userId: string | null }[],
): Promise<AppendedRows> {
  const result = await appendPool().query<{ from: string; to: string; count: string }>(
    `with appended as (
       insert into "DocumentUpdate" ("documentId", "update", "userId")
       select $1::uuid, u.update, u.user_id from unnest($2::bytea[], $3::uuid[]) as u(update, user_id)
       returning id)
     select min(id) as "from", max(id) as "to", count(*) as "count" from appended`,
    [
      documentId,
      rows.map((r) => Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength)),
      rows.map((r) => r.userId),
    ],
  );
  const { from, to, count } = result.rows[0];
  return { from: BigInt(from), to: BigInt(to), count: Number(count) };
}

/** A document's log rows with ids from `from` to `to`, in order: what another instance announced it appended. */
export async function readAppendedRows(
  documentId: string,
  from: bigint,
  to: bigint,
): Promise<{ id: bigint; update: Uint8Array }[]> {
  const result = await appendPool().query<{ id: string; update: Buffer }>(
    `select id, "update" from "DocumentUpdate" where "documentId" = $1::uuid and id between $2 and $3 order by id`,
    [documentId, from.toString(), to.toString()],
  );
  return result.rows.map((r) => ({
    id: BigInt(r.id),
    update: new Uint8Array(r.update.buffer, r.update.byteOffset, r.update.byteLength),
  }));
}

/** Whether the database answers (the collaboration server's readiness). */
export async function appendPoolReachable(): Promise<boolean> {
  try {
    await appendPool().query("select 1");
    return true;
  } catch {
    return false;
  }
}

export async function closeAppendPool(): Promise<void> {
  await pool?.end();
  pool = undefined;
}
