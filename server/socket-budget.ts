import { randomUUID } from "node:crypto";
import type pg from "pg";
import { createPool } from "@/lib/infra/pools";

interface Request {
  documentId: string;
  userId: string;
  resolve: (outcome: { id: string } | { refused: string }) => void;
  reject: (error: unknown) => void;
}

/**
 * Open sockets per document and per user, counted across every
 * collaboration instance on the database: each instance records the sockets
 * it holds (`CollabSocket`) and says it is alive (`CollabInstance`); only the
 * sockets of live instances count, so a killed instance's sockets stop
 * counting once its heartbeat is stale.
 *
 * A place is taken when an upgrade passes its checks, not when its socket
 * opens, under the documents' and the users' locks: upgrades that arrive
 * together, on one instance or several, can never both take the last place.
 * The upgrades waiting on one instance are decided together, in one
 * transaction (a plenary's audience arrives at once: a thousand upgrades are
 * a few transactions, not a thousand waiting on one lock).
 */
export class SocketBudget {
  private readonly pool: pg.Pool;
  private heartbeat: NodeJS.Timeout | null = null;
  private waiting: Request[] = [];
  /** Places whose giving back failed (the database was unreachable): given back at the next heartbeat. */
  private unreleased = new Set<string>();
  private beats = 0;
  /** Transactions that decided upgrades (fewer than the upgrades when they arrive together). */
  transactions = 0;
  private deciding: Promise<void> | null = null;

  constructor(
    private readonly options: {
      databaseUrl: string;
      instanceId: string;
      perDocument: number;
      perUser: number;
      /** How often this instance renews its heartbeat. */
      heartbeatMs: number;
      /** An instance whose heartbeat is older than this no longer counts (its sockets died with it). */
      staleAfterMs: number;
    },
  ) {
    this.pool = createPool("socketBudget", options.databaseUrl);
  }

  /** Registers this instance and keeps its heartbeat fresh; clears what instances long dead left behind. */
  async start(): Promise<void> {
    await this.beat();
    this.heartbeat = setInterval(() => void this.beat().catch(() => {}), this.options.heartbeatMs);
  }

  private async beat(): Promise<void> {
    await this.pool.query(
      `insert into "CollabInstance" (id, "heartbeatAt") values ($1, now())
       on conflict (id) do update set "heartbeatAt" = now()`,
      [this.options.instanceId],
    );
    if (this.unreleased.size > 0) {
      const ids = [...this.unreleased];
      await this.pool.query(`delete from "CollabSocket" where id = any($1::uuid[])`, [ids]);
      for (const id of ids) this.unreleased.delete(id);
    }
    // What instances dead for an hour left behind, now and then rather than at every beat.
    if (this.beats++ % 30 === 0) {
      await this.pool.query(`delete from "CollabInstance" where "heartbeatAt" < now() - interval '1 hour'`);
    }
  }

  /** Takes a place for a socket, or says why there is none. The returned release gives it back, once. */
  async reserve(documentId: string, userId: string): Promise<{ release: () => void } | { refused: string }> {
    const outcome = await new Promise<{ id: string } | { refused: string }>((resolve, reject) => {
      this.waiting.push({ documentId, userId, resolve, reject });
      this.deciding ??= this.decide().finally(() => (this.deciding = null));
    });
    if ("refused" in outcome) return outcome;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        void this.pool
          .query(`delete from "CollabSocket" where id = $1`, [outcome.id])
          .catch(() => this.unreleased.add(outcome.id));
      },
    };
  }

  /** Decides every waiting upgrade, a batch per transaction, until none is left. */
  private async decide(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.waiting.length);
      try {
        const outcomes = await this.decideBatch(batch);
        batch.forEach((request, i) => request.resolve(outcomes[i]));
      } catch (error) {
        for (const request of batch) request.reject(error);
      }
    }
  }

  private async decideBatch(batch: Request[]): Promise<({ id: string } | { refused: string })[]> {
    const documents = [...new Set(batch.map((r) => r.documentId))].sort();
    const users = [...new Set(batch.map((r) => r.userId))].sort();
    const client = await this.pool.connect();
    this.transactions += 1;
    try {
      await client.query("begin");
      // Documents' locks first, then users', each in sorted order (one statement, taken in the array's order):
      // two instances never wait on each other in a circle.
      const locks = [...documents.map((id) => `sockets:document:${id}`), ...users.map((id) => `sockets:user:${id}`)];
      await client.query(
        "select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest($1::text[]) with ordinality as l(key, n) order by n",
        [locks],
      );
      const live = `join "CollabInstance" i on i.id = s."instanceId" and i."heartbeatAt" > now() - make_interval(secs => $2)`;
      const stale = this.options.staleAfterMs / 1000;
      const byDocument = await client.query<{ key: string; count: string }>(
        `select s."documentId" as key, count(*) from "CollabSocket" s ${live} where s."documentId" = any($1::uuid[]) group by 1`,
        [documents, stale],
      );
      const byUser = await client.query<{ key: string; count: string }>(
        `select s."userId" as key, count(*) from "CollabSocket" s ${live} where s."userId" = any($1::uuid[]) group by 1`,
        [users, stale],
      );
      const documentCount = new Map(byDocument.rows.map((r) => [r.key, Number(r.count)]));
      const userCount = new Map(byUser.rows.map((r) => [r.key, Number(r.count)]));
      const accepted: { id: string; documentId: string; userId: string }[] = [];
      const outcomes = batch.map((request) => {
        const onDocument = documentCount.get(request.documentId) ?? 0;
        const ofUser = userCount.get(request.userId) ?? 0;
        if (onDocument >= this.options.perDocument) return { refused: "Too many connections to this document." };
        if (ofUser >= this.options.perUser) return { refused: "Too many connections for this user." };
        documentCount.set(request.documentId, onDocument + 1);
        userCount.set(request.userId, ofUser + 1);
        const place = { id: randomUUID(), documentId: request.documentId, userId: request.userId };
        accepted.push(place);
        return { id: place.id };
      });
      if (accepted.length > 0) {
        await client.query(
          `insert into "CollabSocket" (id, "instanceId", "userId", "documentId")
           select u.id, $1, u.user_id, u.document_id from unnest($2::uuid[], $3::uuid[], $4::uuid[]) as u(id, user_id, document_id)`,
          [this.options.instanceId, accepted.map((a) => a.id), accepted.map((a) => a.userId), accepted.map((a) => a.documentId)],
        );
      }
      await client.query("commit");
      return outcomes;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Stops the heartbeat and gives back every place this instance holds. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.deciding?.catch(() => {});
    await this.pool.query(`delete from "CollabInstance" where id = $1`, [this.options.instanceId]).catch(() => {});
    await this.pool.end().catch(() => {});
  }
}
