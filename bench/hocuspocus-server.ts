/**
 * The peer: Hocuspocus with its database extension, storing into the same
 * Postgres as our server (one row per document, the whole state, on its own
 * debounce). Run as its own process by the benchmark; prints its port.
 * Token "read" makes a connection read-only, as a watching participant is on
 * our server; any other token may write. Needs DATABASE_URL.
 */
import { Database } from "@hocuspocus/extension-database";
import { Server } from "@hocuspocus/server";
import pg from "pg";
import { HOCUSPOCUS_TABLE } from "./hocuspocus-table";
import { LAG_PATH, lagProbe } from "./lag";

const lag = lagProbe();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`create table if not exists ${HOCUSPOCUS_TABLE} (name text primary key, data bytea not null)`);

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: "127.0.0.1",
  quiet: true,
  // Our raw watchers only listen; ours pings at the websocket level instead.
  timeout: 10 * 60_000,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const result = await pool.query<{ data: Buffer }>(`select data from ${HOCUSPOCUS_TABLE} where name = $1`, [documentName]);
        return result.rows[0] ? new Uint8Array(result.rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `insert into ${HOCUSPOCUS_TABLE} (name, data) values ($1, $2) on conflict (name) do update set data = excluded.data`,
          [documentName, state],
        );
      },
    }),
  ],
  onAuthenticate({ token, connectionConfig }) {
    if (token === "read") connectionConfig.readOnly = true;
    return Promise.resolve();
  },
  onRequest({ request, response }) {
    if (request.url !== LAG_PATH) return Promise.resolve();
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(lag.read()));
    // Hocuspocus's way to say "answered; skip the default response": a rejection without an error.
    return Promise.reject(null); // eslint-disable-line @typescript-eslint/prefer-promise-reject-errors
  },
});
await server.listen();
console.log(JSON.stringify({ port: server.address.port }));
