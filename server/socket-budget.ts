import { randomUUID } from "node:crypto";
import pg from "pg";

/**
 * Open sockets per document and per user, counted across every
 * collaboration instance on the database: each instance records the sockets
 * it holds (`CollabSocket`) and says it is alive (`CollabInstance`); only the
 * sockets of live instances count, so a killed instance's sockets stop
 * counting once its heartbeat is stale. A place is taken when an upgrade
 * passes its checks, not when its socket opens, under a per-document and a
 * per-user lock: upgrades that arrive together, on one instance or several,
 * can never both take the last place.
 */
export class SocketBudget {
  private readonly pool: pg.Pool;
  private heartbeat: NodeJS.Timeout | null = null;

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
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4, connectionTimeoutMillis: 5_000 });
    this.pool.on("error", () => {});
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
    await this.pool.query(`delete from "CollabInstance" where "heartbeatAt" < now() - interval '1 hour'`);
  }

  /** Takes a place for a socket, or says why there is none. The returned release gives it back, once. */
  async reserve(documentId: string, userId: string): Promise<{ release: () => void } | { refused: string }> {
    const client = await this.pool.connect();
    const id = randomUUID();
    try {
      await client.query("begin");
      // Always the document's lock first, then the user's: two upgrades never wait on each other in a circle.
      await client.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`sockets:document:${documentId}`]);
      await client.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [`sockets:user:${userId}`]);
      const { rows } = await client.query<{ document: string; user: string }>(
        `select count(*) filter (where s."documentId" = $1) as document, count(*) filter (where s."userId" = $2) as "user"
         from "CollabSocket" s join "CollabInstance" i on i.id = s."instanceId"
         where (s."documentId" = $1 or s."userId" = $2) and i."heartbeatAt" > now() - make_interval(secs => $3)`,
        [documentId, userId, this.options.staleAfterMs / 1000],
      );
      if (Number(rows[0].document) >= this.options.perDocument) {
        await client.query("rollback");
        return { refused: "Too many connections to this document." };
      }
      if (Number(rows[0].user) >= this.options.perUser) {
        await client.query("rollback");
        return { refused: "Too many connections for this user." };
      }
      await client.query(`insert into "CollabSocket" (id, "instanceId", "userId", "documentId") values ($1, $2, $3, $4)`, [
        id,
        this.options.instanceId,
        userId,
        documentId,
      ]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        void this.pool.query(`delete from "CollabSocket" where id = $1`, [id]).catch(() => {});
      },
    };
  }

  /** Stops the heartbeat and gives back every place this instance holds. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    await this.pool.query(`delete from "CollabInstance" where id = $1`, [this.options.instanceId]).catch(() => {});
    await this.pool.end().catch(() => {});
  }

  /** Tests, and an instance that is killed: the heartbeat stops, nothing is given back. */
  abandon(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    void this.pool.end().catch(() => {});
  }
}
