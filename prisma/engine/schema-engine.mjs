#!/usr/bin/env node
// @ts-check
/**
 * Prisma schema engine bridge: WebAssembly engine + node-postgres, spoken to as if native.
 *
 * WHY THIS EXISTS
 *   The Prisma CLI (`prisma migrate deploy|dev|status|reset|diff|resolve`, `db push|pull|execute`)
 *   does its database work in a separate "schema engine" process. Normally that is a native
 *   binary which the `prisma` / `@prisma/engines` packages download at install time from
 *   Prisma's own binary host, not from the npm registry. On machines that can reach only the
 *   npm registry the download fails (silently during `npm install`, loudly in `prisma generate`),
 *   and every migrate command then fails with "Could not find schema-engine binary".
 *
 *   Prisma publishes the very same engine, compiled to WebAssembly, on npm as
 *   `@prisma/schema-engine-wasm`. The wasm build cannot open sockets itself: it talks to the
 *   database through a Prisma "driver adapter" (here `@prisma/adapter-pg` on top of `pg`).
 *   This file is a small executable that the CLI can spawn in place of the native binary (the
 *   CLI honours the env var PRISMA_SCHEMA_ENGINE_BINARY; `scripts/prisma.mjs` sets it only when
 *   no native engine is installed). It speaks the native engine's process protocol on
 *   stdin/stdout and forwards each call to the wasm engine.
 *
 * THE PROTOCOL WE IMITATE (read from node_modules/prisma/build/cli.js, Prisma 7.10.1)
 *   - Spawned as `<engine> [--datamodels <schema file>]... [--datasource <json>]
 *     [--enabled-preview-features a,b] [--extension-types <json>]`, where <json> is the
 *     `datasource` block of prisma.config.ts, e.g. {"url":"postgres://…","shadowDatabaseUrl":…}.
 *   - Then newline-delimited JSON-RPC 2.0 on stdin/stdout: requests `{id, method, params}`
 *     (method names = the wasm engine's method names, except `getDatabaseVersion` → `version`),
 *     answered with `{id, result}` or `{id, error:{code, message, data:{is_panic, message,
 *     error_code?, meta?}}}`. `result` must never be undefined (the CLI rejects that).
 *   - The engine may send the CLI a request `{method:"print", params:{content}}`; the CLI writes
 *     `content + "\n"` to its own stdout and acknowledges. `migrate diff` output goes this way.
 *   - stderr carries JSON log lines `{level, fields:{message, error_code?}, target}`; the CLI
 *     keeps the last ERROR line for its messages.
 *   - One-shot mode: `<engine> --datasource {"url":…} cli can-connect-to-database|create-database`
 *     (used by `migrate dev` / `db push` to create a missing database). Exit 0 on success; on
 *     failure the CLI drops the first stderr line and JSON-parses the rest, looking for an ERROR
 *     line with `fields.error_code` (P1003 = database does not exist → it then asks us to create it).
 *   - `<engine> --version` prints `schema-engine-cli <hash>` (shown by `prisma version`).
 *   The CLI kills the process right after closing its stdin, so every call must be finished
 *   (shadow databases dropped, etc.) before its response is written.
 *
 * WHICH PRISMA INTERNALS WE LEAN ON (none of these is a documented public API)
 *   - `@prisma/schema-engine-wasm`'s wasm-bindgen glue (`schema_engine_bg.js`): we instantiate
 *     `schema_engine_bg.wasm` by hand, the way Prisma's own `wasmSchemaEngineLoader` does,
 *     because its entry point `import`s a .wasm file, which plain Node cannot do.
 *   - `SchemaEngine.new(options, logCallback, adapterFactory)` and the method/param shapes in
 *     `schema_engine.d.ts`; the engine runs a probe query as soon as it is constructed.
 *   - `bindMigrationAwareSqlAdapterFactory` from `@prisma/driver-adapter-utils`: it turns a
 *     driver adapter's thrown errors into the `{ok:false, error}` results the engine expects and
 *     keeps non-driver errors in an "error registry" (the engine then reports "External error
 *     id#N", which we resolve back to the original message).
 *   - `PrismaPg` from `@prisma/adapter-pg` and a few of its internals, patched per instance,
 *     with a `pg.Pool` we build ourselves; each point below was met while building this:
 *       1. it refuses result columns of Postgres's internal one-byte `"char"` type (OID 18,
 *          pg_constraint.contype…), which the engine's catalog queries return and must receive
 *          as Character columns: see teachCatalogTypes() (patches its `performIO`/`queryRaw`).
 *       2. its `executeScript` splits scripts on every ";", breaking `$$ … $$` function bodies
 *          in migrations: we send each script whole, as the native engine does.
 *       3. its own `connectToShadowDb()` builds the shadow pool as `{...config, database}`; with a
 *          `connectionString` in config the string wins, so the "shadow" database silently was the
 *          main one. We pass separate host/port/user/password/database fields instead.
 *       4. it drops the shadow database before closing the shadow pool ("database is being
 *          accessed by other users"). Our shadow adapter closes its pool first, then drops.
 *   - `globalThis.PRISMA_WASM_PANIC_REGISTRY`, through which the wasm panic hook reports.
 *   - The CLI side: the spawn arguments, the env var name PRISMA_SCHEMA_ENGINE_BINARY and the
 *     JSON-RPC details above.
 *
 * WHY THE VERSIONS ARE PINNED EXACTLY (package.json, no ^ or ~)
 *   All of the above are internal interfaces that change between releases without notice: the
 *   wasm engine's method and parameter shapes follow the CLI release it was built for, and the
 *   adapter interface follows `@prisma/driver-adapter-utils`. The build matching prisma 7.10.1
 *   itself is not on npm; `8.1.0-2.59be4fda…` (the next engine build) was tested with the set in
 *   PINNED below. Upgrade them together, then run prisma/engine/schema-engine.test.ts. The bridge
 *   logs a warning (stderr, JSON) when the installed versions differ from PINNED.
 *
 * OTHER BEHAVIOUR WORTH KNOWING
 *   - PostgreSQL only (the only adapter wired in). Supported URL parameters: `schema` (sets the
 *     engine's schema and search_path), `sslmode`/`sslcert`/`sslkey`/`sslrootcert` (node-postgres
 *     semantics), `connect_timeout` (seconds, default 5), `application_name`, `options`.
 *   - `migrate diff` between sources that need no database (`--from-empty`, `--from-schema`,
 *     `--to-schema`…) runs against a stub connection, so it works with no database at all.
 *   - Without `shadowDatabaseUrl` the shadow database is a temporary
 *     `prisma_migrate_shadow_db_<uuid>` created next to the main one (needs CREATEDB, as with the
 *     native engine) and dropped after use; any left by a failed call is dropped (WITH (FORCE))
 *     before the call is answered. A configured `shadowDatabaseUrl` is emptied before and after
 *     use (this wasm build does not do it itself), like the native engine does.
 *   - `evaluateDataLoss` / `createMigration` are preceded by a shadow-database diagnosis
 *     (see SHADOW_SCHEMA_METHODS), so `migrate dev` builds one or two extra shadow databases.
 *   - A wasm panic is answered as the native engine answers one (`is_panic`, the panic message)
 *     and ends the process with status 101.
 *   - Set PRISMA_SCHEMA_ENGINE_BRIDGE_DEBUG=1 to log every RPC call and shadow database to
 *     stderr (the CLI shows the engine's stderr with DEBUG="prisma:schemaEngine:stderr").
 */

import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

/** Versions this bridge was written and tested against (see header). */
const PINNED = {
  prisma: "7.10.1",
  "@prisma/schema-engine-wasm": "8.1.0-2.59be4fda12412a79eeb9c2ae727b6aa723593323",
  "@prisma/adapter-pg": "7.10.1",
  "@prisma/driver-adapter-utils": "7.10.1",
  pg: "8.23.1",
};

const require = createRequire(import.meta.url);
const DEBUG = /^(1|true|yes)$/i.test(process.env.PRISMA_SCHEMA_ENGINE_BRIDGE_DEBUG ?? "");
const LOG_TARGET = "schema_engine_bridge";
const JSON_RPC_ERROR_CODE = 4466; // what the native engine uses for every application error
const EMPTY_FILTER = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------
// Logging: JSON lines on stderr, the same shape as the native engine's tracing output.
// ---------------------------------------------------------------------------------------------

/** @param {"INFO"|"WARN"|"ERROR"|"DEBUG"} level @param {string} message @param {Record<string, unknown>} [extra] */
function log(level, message, extra = {}) {
  process.stderr.write(
    JSON.stringify({
      timestamp: new Date().toISOString(),
      level,
      fields: { message, ...extra },
      // The CLI looks for the error of a failed `cli …` command under the native engine's target.
      target: level === "ERROR" ? "schema_engine::logger" : LOG_TARGET,
    }) + "\n",
  );
}

/** @returns {string[]} the installed packages that differ from PINNED */
function versionMismatches() {
  const mismatches = [];
  for (const [name, expected] of Object.entries(PINNED)) {
    const actual = installedVersion(name);
    if (actual !== expected) mismatches.push(`${name} ${actual ?? "(missing)"} (tested: ${expected})`);
  }
  return mismatches;
}

/** Warn when the installed packages are not the ones this was tested with. */
function checkVersions() {
  const mismatches = versionMismatches();
  if (mismatches.length > 0) {
    log("WARN", `schema engine bridge: untested package versions: ${mismatches.join(", ")}`);
  }
}

/** @param {string} name @returns {string | undefined} */
function installedVersion(name) {
  try {
    // Resolve the package's entry point, then walk up to its package.json (some packages do
    // not export ./package.json).
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (let i = 0; i < 5; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        if (pkg.name === name) return pkg.version;
      } catch {
        /* keep walking up */
      }
      dir = dirname(dir);
    }
  } catch {
    /* not installed */
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

/**
 * @typedef {{ url?: string, shadowDatabaseUrl?: string, directUrl?: string }} Datasource
 * @typedef {{ datamodels: string[], datasource: Datasource | undefined, cli: string[], version: boolean,
 *   help: boolean, checkVersions?: boolean }} Args
 */

/** @param {string[]} argv @returns {Args} */
function parseArgs(argv) {
  /** @type {Args} */
  const args = { datamodels: [], datasource: undefined, cli: [], version: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--datamodels" || a === "-d") args.datamodels.push(argv[++i]);
    else if (a === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (a === "--enabled-preview-features" || a === "--extension-types")
      i++; // not used by the wasm engine
    else if (a === "--version" || a === "-V") args.version = true;
    else if (a === "--check-versions") args.checkVersions = true;
    else if (a === "--help" || a === "-h") args.help = true;
    else if (a === "cli") {
      args.cli = argv.slice(i + 1);
      break;
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Connections: URL → separate pg fields; adapter-pg taught the catalog's column types.
// ---------------------------------------------------------------------------------------------

const pg = require("pg");
// pg-connection-string is pg's own dependency; resolve it from pg so hoisting does not matter.
const { parse: parseConnectionString } = createRequire(require.resolve("pg"))("pg-connection-string");

/**
 * Column types of Postgres's catalogs that @prisma/adapter-pg refuses ("Unsupported column type
 * char") and the engine's introspection queries return: pg_constraint.contype and friends are of
 * the internal one-byte type `"char"` (OID 18), which the engine reads as a Character column
 * (reading it as Text panics: "Getting constraint_type from ResultRow"). It shows up as soon as
 * a table has a CHECK constraint, or with any table at all on Postgres 18 (NOT NULL constraints
 * became rows of pg_constraint). The other internal types are only ever read as text.
 */
const CHAR_OID = 18;
const INTERNAL_TEXT_TYPE_OIDS = new Set([
  22, // int2vector
  24, // regproc
  28, // xid
  30, // oidvector
  194, // pg_node_tree
  2205, // regclass
  2206, // regtype
]);
const TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

/**
 * Teach one adapter-pg queryable (the adapter, or a transaction of it) those types. adapter-pg
 * maps each result's field OIDs to column types inside `queryRaw`, right after its internal
 * `performIO(query)` returns the pg result: we relabel the fields there as text (which it accepts)
 * and, in `queryRaw`, turn the former `"char"` columns into Character columns. Both steps see the
 * same `query` object, which links them even when queries run concurrently.
 * @param {any} queryable
 */
function teachCatalogTypes(queryable) {
  /** @type {WeakMap<object, number[]>} */
  const charColumns = new WeakMap();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (/** @type {any} */ query) => {
    const result = await performIO(query);
    /** @type {number[]} */
    const chars = [];
    (result?.fields ?? []).forEach((/** @type {any} */ field, /** @type {number} */ i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        chars.push(i);
      } else if (INTERNAL_TEXT_TYPE_OIDS.has(field.dataTypeID)) {
        field.dataTypeID = TEXT_OID;
      }
    });
    if (chars.length > 0 && query && typeof query === "object") charColumns.set(query, chars);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (/** @type {any} */ query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
    charColumns.delete(query);
    return result;
  };
  if (typeof queryable.startTransaction === "function") {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (/** @type {any[]} */ ...args) => teachCatalogTypes(await startTransaction(...args));
  }
  return queryable;
}

/**
 * @typedef {{ host?: string, port?: number, user?: string, password?: string, database?: string,
 *   ssl?: any, options?: string, application_name?: string, client_encoding?: string,
 *   connectionTimeoutMillis?: number }} PgFields
 * @typedef {{ fields: PgFields, schema: string | undefined }} Target
 */

/** @param {string} url @returns {Target} */
function targetFromUrl(url) {
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new BridgeError(
      `The schema engine bridge (prisma/engine/schema-engine.mjs) only supports postgres:// and postgresql:// URLs; got ${redactUrl(url)}. Install the native schema engine for other databases.`,
      "P1012",
    );
  }
  const p = parseConnectionString(url);
  /** @type {PgFields} */
  const fields = {};
  if (p.host) fields.host = p.host;
  if (p.port) fields.port = Number(p.port);
  if (p.user) fields.user = p.user;
  if (p.password) fields.password = p.password;
  if (p.database) fields.database = p.database;
  if (p.ssl !== undefined) fields.ssl = p.ssl;
  if (typeof p.application_name === "string") fields.application_name = p.application_name;
  if (typeof p.client_encoding === "string") fields.client_encoding = p.client_encoding;
  const schema = typeof p.schema === "string" && p.schema !== "" ? p.schema : undefined;
  /** @type {string[]} */
  const options = typeof p.options === "string" ? [p.options] : [];
  if (schema) options.push(`-c search_path=${schema.replace(/([\\ ])/g, "\\$1")}`);
  if (options.length) fields.options = options.join(" ");
  const timeout = p.connect_timeout === undefined ? 5 : Number(p.connect_timeout);
  if (Number.isFinite(timeout) && timeout > 0) fields.connectionTimeoutMillis = timeout * 1000;
  return { fields, schema };
}

/** @param {string} url */
function redactUrl(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}

/** @param {PgFields} fields */
function newPool(fields) {
  const pool = new pg.Pool({ ...fields, max: 4 });
  // An idle client's error (e.g. server restart) must not crash the process.
  pool.on("error", (err) => log("WARN", `idle database connection error: ${err.message}`));
  return pool;
}

/** Temporary shadow databases not dropped yet (name → the connection they were made with). */
const liveShadowDatabases = new Map();
/** @type {Set<Promise<unknown>>} connectToShadowDb() calls in progress */
const pendingShadowCreations = new Set();

/** @param {Target} via @param {string} database @param {{ force?: boolean }} [options] */
async function dropDatabase(via, database, options = {}) {
  const client = new pg.Client({ ...via.fields });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}${options.force ? " WITH (FORCE)" : ""}`);
  } finally {
    await client.end();
  }
  liveShadowDatabases.delete(database);
  if (DEBUG) log("DEBUG", `dropped shadow database ${database}`);
}

/** Drop shadow databases an engine failure left behind (WITH (FORCE): Postgres 13+). */
async function dropLeftoverShadowDatabases() {
  await Promise.allSettled([...pendingShadowCreations]);
  for (const [database, via] of [...liveShadowDatabases]) {
    await dropDatabase(via, database, { force: true }).catch((e) =>
      log("WARN", `could not drop shadow database ${database}: ${e?.message ?? e}`),
    );
  }
}

/**
 * Empty the target's schema (`DROP SCHEMA … CASCADE` + `CREATE SCHEMA`), as the native engine
 * resets a shadow database. Only the one schema of the URL (default public).
 * @param {Target} target
 */
async function resetSchema(target) {
  const schema = quoteIdent(target.schema ?? "public");
  const client = new pg.Client({ ...target.fields });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  } finally {
    await client.end();
  }
}

/** @param {string} name */
function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The SqlMigrationAwareDriverAdapterFactory handed to the wasm engine (the caller binds it with
 * bindMigrationAwareSqlAdapterFactory).
 * @param {Target} main
 * @param {Target | undefined} shadow  from datasource.shadowDatabaseUrl, if set
 */
async function makeAdapterFactory(main, shadow) {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  /** @param {Target} target */
  const connectTo = async (target) => {
    const pool = newPool(target.fields);
    const adapter = teachCatalogTypes(await new PrismaPg(pool, { schema: target.schema, disposeExternalPool: true }).connect());
    // adapter-pg's executeScript splits the script on every ";" (even inside strings, DO blocks
    // and function bodies) and runs the pieces on whichever pooled connection is free. The native
    // engine sends a migration script as one simple-protocol query on one connection; do the same.
    adapter.executeScript = async (/** @type {string} */ script) => {
      try {
        await pool.query(script);
      } catch (e) {
        /** @type {any} */ (adapter).onError(e); // rethrows it as adapter-pg's DriverAdapterError
      }
    };
    return adapter;
  };
  async function createShadowDb() {
    // A configured shadow database: this wasm build replays the migrations into it as it
    // finds it (leftovers then show up as drift of the main database) and leaves it full, so
    // empty it before and after use, as the native engine does.
    if (shadow) {
      await resetSchema(shadow);
      const adapter = await connectTo(shadow);
      const closePool = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await closePool();
        await resetSchema(shadow);
      };
      return adapter;
    }
    // Otherwise: a temporary database next to the main one, created through the main
    // connection settings, dropped when the engine disposes of the adapter.
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    const admin = new pg.Client({ ...main.fields });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
      liveShadowDatabases.set(database, main);
      if (DEBUG) log("DEBUG", `created shadow database ${database}`);
    } finally {
      await admin.end();
    }
    const adapter = await connectTo({ fields: { ...main.fields, database }, schema: main.schema });
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      // Close our own connections first, or DROP DATABASE fails ("being accessed by other users").
      await closePool();
      await dropDatabase(main, database);
    };
    return adapter;
  }
  return {
    provider: /** @type {const} */ ("postgres"),
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(main),
    connectToShadowDb() {
      // Tracked so that no response goes out while one is being made: the CLI kills us as soon
      // as it has its answer, and a creation the engine stopped waiting for would leak.
      const pending = createShadowDb();
      pendingShadowCreations.add(pending);
      const untrack = () => pendingShadowCreations.delete(pending);
      pending.then(untrack, untrack);
      return pending;
    },
  };
}

/**
 * A connection that answers only the probe query the engine runs when it starts, for commands
 * that need no database (e.g. `migrate diff --from-empty --to-schema …`). Anything else fails.
 */
function makeOfflineAdapterFactory() {
  const fail = async () => {
    throw new Error("This command needs a database connection: set the datasource url in prisma.config.ts (DATABASE_URL).");
  };
  const adapter = {
    provider: /** @type {const} */ ("postgres"),
    adapterName: "schema-engine-bridge-offline",
    async queryRaw(/** @type {{sql: string}} */ query) {
      if (/version\(\)/.test(query.sql)) {
        // exists (Boolean=5), version (Text=7), numeric_version (Int32=0): see ColumnTypeEnum
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5, 7, 0],
          rows: [[true, "PostgreSQL 15.0 (offline stub of the schema engine bridge)", 150000]],
        };
      }
      return fail();
    },
    executeRaw: fail,
    executeScript: fail,
    startTransaction: fail,
    getConnectionInfo: () => ({ schemaName: undefined, supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return {
    provider: /** @type {const} */ ("postgres"),
    adapterName: "schema-engine-bridge-offline",
    connect: async () => adapter,
    connectToShadowDb: fail,
  };
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

class BridgeError extends Error {
  /** @param {string} message @param {string} [code] @param {Record<string, unknown>} [meta] */
  constructor(message, code, meta) {
    super(message);
    this.code = code;
    this.meta = meta;
  }
}

/**
 * Check a connection the way the native engine's `can-connect-to-database` does, with the same
 * error codes: P1001 unreachable, P1000 bad credentials, P1003 database missing.
 * @param {Target} target
 * @returns {Promise<BridgeError | null>}
 */
async function probeConnection(target) {
  const { fields } = target;
  const client = new pg.Client({ ...fields });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (e) {
    return classifyConnectionError(/** @type {any} */ (e), fields);
  } finally {
    await client.end().catch(() => {});
  }
}

/** @param {any} e @param {PgFields} fields */
function classifyConnectionError(e, fields) {
  const host = fields.host ?? "localhost";
  const port = fields.port ?? 5432;
  const where = host.startsWith("/") ? host : `${host}:${port}`;
  switch (e?.code) {
    case "3D000":
      return new BridgeError(
        `Database \`${fields.database ?? fields.user}\` does not exist on the database server at \`${where}\`.`,
        "P1003",
        { database_name: fields.database, database_host: host, database_port: port },
      );
    case "28P01":
    case "28000":
      return new BridgeError(
        `Authentication failed against database server, the provided database credentials for \`${fields.user ?? "(not available)"}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
        "P1000",
        { database_user: fields.user, database_host: host },
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
    case "ENOENT":
      return new BridgeError(
        `Can't reach database server at \`${where}\`\n\nPlease make sure your database server is running at \`${where}\`.`,
        "P1001",
        { database_host: host, database_port: port },
      );
    default:
      if (/timeout/i.test(e?.message ?? "")) {
        return new BridgeError(
          `Can't reach database server at \`${where}\`\n\nPlease make sure your database server is running at \`${where}\`.`,
          "P1001",
          { database_host: host, database_port: port },
        );
      }
      return new BridgeError(String(e?.message ?? e));
  }
}

/** @param {Target} target */
async function createDatabase(target) {
  const { fields } = target;
  const name = fields.database;
  if (!name) throw new BridgeError("The database URL names no database to create.");
  // Connect to the server's maintenance database with the same credentials.
  let lastError;
  for (const maintenance of ["postgres", "template1"]) {
    const client = new pg.Client({ ...fields, database: maintenance });
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return name;
    } catch (e) {
      lastError = e;
      if (/** @type {any} */ (e)?.code === "42P04") return name; // already exists
      if (/** @type {any} */ (e)?.code !== "3D000") break;
    } finally {
      await client.end().catch(() => {});
    }
  }
  const classified = classifyConnectionError(lastError, fields);
  throw classified.code ? classified : new BridgeError(`Could not create database \`${name}\`: ${classified.message}`);
}

// ---------------------------------------------------------------------------------------------
// The wasm engine
// ---------------------------------------------------------------------------------------------

/**
 * The wasm build's panic hook reports the panic message through this global before the wasm
 * code traps (Prisma's own CLI installs an equivalent WasmPanicRegistry). Without it the hook
 * itself throws a TypeError and takes the whole process down.
 */
let lastPanicMessage = "";
/** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY = {
  /** @param {string} message */
  set_message(message) {
    lastPanicMessage = message;
  },
};

/** @type {Promise<any> | undefined} */
let wasmRuntime;

/** Instantiate the wasm engine once (wasm-bindgen keeps module-level state). */
function loadWasmRuntime() {
  wasmRuntime ??= (async () => {
    const glueUrl = import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const runtime = await import(glueUrl);
    const wasmPath = join(dirname(fileURLToPath(glueUrl)), "schema_engine_bg.wasm");
    const module = new globalThis.WebAssembly.Module(readFileSync(wasmPath));
    const instance = new globalThis.WebAssembly.Instance(module, { "./schema_engine_bg.js": runtime });
    runtime.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    return runtime;
  })();
  return wasmRuntime;
}

/** Forward the engine's tracing output (already JSON lines) to stderr. @param {unknown} line */
function engineLog(line) {
  const text = String(line).trimEnd();
  if (!text) return;
  if (text.startsWith("{")) process.stderr.write(text + "\n");
  else log("INFO", text);
}

/**
 * @param {Args} args
 */
function createEngineHost(args) {
  const url = args.datasource?.url || args.datasource?.directUrl || "";
  const shadowUrl = args.datasource?.shadowDatabaseUrl || "";
  /** @type {[string, string][] | undefined} */
  const datamodels = args.datamodels.length
    ? args.datamodels.map((p) => /** @type {[string, string]} */ ([p, readFileSync(p, "utf8")]))
    : undefined;

  /** @type {Promise<{engine: any, registry: any}> | undefined} */
  let online;
  /** @type {Promise<{engine: any, registry: any}> | undefined} */
  let offline;

  /** @param {any} factory */
  async function build(factory) {
    const runtime = await loadWasmRuntime();
    const { bindMigrationAwareSqlAdapterFactory } = await import("@prisma/driver-adapter-utils");
    const bound = bindMigrationAwareSqlAdapterFactory(factory);
    try {
      const engine = await runtime.SchemaEngine.new({ datamodels }, engineLog, bound);
      return { engine, registry: bound.errorRegistry };
    } catch (e) {
      throw resolveRegistryError(e, bound.errorRegistry);
    }
  }

  /** The migrations list the engine last diagnosed with a shadow database (see SHADOW_SCHEMA_METHODS). */
  let primedFor = "";

  return {
    url,
    /** @param {any} engine @param {any} migrationsList @param {any} filters */
    async primeShadowSchema(engine, migrationsList, filters) {
      const key = JSON.stringify(migrationsList);
      if (key === primedFor) return;
      await engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: true,
        filters: filters ?? EMPTY_FILTER,
      });
      primedFor = key;
    },
    forgetShadowSchema() {
      primedFor = "";
    },
    /** The engine connected to the configured database. */
    online() {
      online ??= (async () => {
        if (!url) {
          throw new BridgeError("No database URL: set `datasource.url` in prisma.config.ts (it reads DATABASE_URL).", "P1012");
        }
        const main = targetFromUrl(url);
        const shadow = shadowUrl ? targetFromUrl(shadowUrl) : undefined;
        try {
          return await build(await makeAdapterFactory(main, shadow));
        } catch (e) {
          // Give connection failures the native engine's error codes.
          const probed = await probeConnection(main);
          throw probed ?? e;
        }
      })();
      return online;
    },
    /** An engine with no database behind it, for pure schema-to-schema diffs. */
    offline() {
      offline ??= build(makeOfflineAdapterFactory());
      return offline;
    },
    async close() {
      for (const p of [online, offline]) {
        if (!p) continue;
        try {
          const { engine } = await p;
          engine.free();
        } catch {
          /* never started */
        }
      }
    },
  };
}

/**
 * Errors thrown by our adapter code (not DriverAdapterErrors) come back from the engine as
 * "External error id#N"; the original is in the adapter factory's error registry.
 * @param {any} e @param {any} registry
 */
function resolveRegistryError(e, registry) {
  const m = /External error id#(\d+)/.exec(String(e?.message ?? ""));
  if (m && registry) {
    const record = registry.consumeError(Number(m[1]));
    if (record?.error) return record.error;
  }
  return e;
}

/**
 * Methods that need "the schema the migrations directory produces", computed on a shadow
 * database. Pitfall met with this wasm build: called directly they fail with "PostgreSQL shadow
 * DB must be provided through an external factory", because that code path does not use the
 * adapter's connectToShadowDb(). `diagnoseMigrationHistory({optInToShadowDatabase: true})` does
 * use it and leaves the result where these methods find it, provided the database is up to date
 * with the migrations (the CLI's `migrate dev` applies pending migrations before calling them).
 * So we run that diagnosis first, once per migrations list.
 */
const SHADOW_SCHEMA_METHODS = new Set(["evaluateDataLoss", "createMigration"]);

/** Diff targets the engine can compute without a database. @param {any} t */
function isOfflineDiffTarget(t) {
  return t?.tag === "empty" || t?.tag === "schemaDatamodel";
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server
// ---------------------------------------------------------------------------------------------

/** RPC method name → wasm engine method name. */
const METHODS = {
  applyMigrations: "applyMigrations",
  createMigration: "createMigration",
  dbExecute: "dbExecute",
  debugPanic: "debugPanic",
  devDiagnostic: "devDiagnostic",
  diagnoseMigrationHistory: "diagnoseMigrationHistory",
  diff: "diff",
  ensureConnectionValidity: "ensureConnectionValidity",
  evaluateDataLoss: "evaluateDataLoss",
  getDatabaseVersion: "version",
  introspect: "introspect",
  introspectSql: "introspectSql",
  markMigrationApplied: "markMigrationApplied",
  markMigrationRolledBack: "markMigrationRolledBack",
  reset: "reset",
  schemaPush: "schemaPush",
};

/** @param {any} message */
function send(message) {
  process.stdout.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
}

let printRequestId = 0;
/** Ask the CLI to print `content` on its stdout (the native engine's "print" callback). @param {string} content */
function printViaCli(content) {
  send({ id: `bridge-print-${++printRequestId}`, method: "print", params: { content } });
}

/**
 * Turn whatever the engine (or we) threw into the native engine's JSON-RPC error shape.
 * @param {any} e @param {any} registry
 */
function toRpcError(e, registry) {
  e = resolveRegistryError(e, registry);
  const isPanic = e instanceof globalThis.WebAssembly.RuntimeError || e?.name === "RuntimeError";
  let message = String(e?.message ?? e);
  if (isPanic && lastPanicMessage) {
    message = lastPanicMessage;
    lastPanicMessage = "";
  }
  // The wasm engine appends a tracing span trace ("   0: sql_schema_connector::…"); keep the
  // migration name it mentions and drop the rest.
  const trace = message.search(/\n\s+0: [a-z_]+::/);
  if (trace >= 0) {
    const migration = /migration_name="([^"]+)"/.exec(message.slice(trace));
    message = message.slice(0, trace).trimEnd();
    if (migration && !message.includes(migration[1])) message += `\n\nMigration name: ${migration[1]}`;
  }
  message = message.replace(/^external connector error\n/, "");
  /** @type {Record<string, unknown>} */
  const data = { is_panic: isPanic, message };
  if (isPanic) data.error = { message };
  if (e?.code && typeof e.code === "string" && /^P\d{4}$/.test(e.code)) data.error_code = e.code;
  if (e?.meta) data.meta = e.meta;
  return { code: JSON_RPC_ERROR_CODE, message: "An error happened. Check the data field for details.", data };
}

/** @param {ReturnType<typeof createEngineHost>} host @param {any} request */
async function handle(host, request) {
  const { method, params } = request;
  if (DEBUG) log("DEBUG", `rpc ${method}`, { params: JSON.stringify(params)?.slice(0, 2000) });

  if (method === "createDatabase") {
    const ds = params?.datasource;
    const url = ds?.tag === "ConnectionString" ? ds.url : host.url;
    return { databaseName: await createDatabase(targetFromUrl(url)) };
  }
  if (method === "getDatabaseDescription") {
    throw new BridgeError("getDatabaseDescription is not supported by the schema engine bridge.");
  }
  const wasmMethod = /** @type {Record<string, string>} */ (METHODS)[method];
  if (!wasmMethod) throw new BridgeError(`Unknown schema engine method: ${method}`);

  const offline = method === "diff" && isOfflineDiffTarget(params?.from) && isOfflineDiffTarget(params?.to);
  const { engine, registry } = await (offline ? host.offline() : host.online());
  try {
    if (SHADOW_SCHEMA_METHODS.has(method) && params?.migrationsList) {
      await host.primeShadowSchema(engine, params.migrationsList, params.filters);
    } else {
      host.forgetShadowSchema();
    }
    // Call as a method: detaching it from `engine` loses the wasm pointer (`__wbg_ptr`).
    const result = await engine[wasmMethod](params);
    if (method === "diff" && result && typeof result.stdout === "string") {
      if (result.stdout) printViaCli(result.stdout.replace(/\n$/, ""));
      return { exitCode: result.exitCode };
    }
    return result ?? null;
  } catch (e) {
    throw { rpc: toRpcError(e, registry) };
  }
}

/** @type {any} the request being handled, for the crash handler */
let inFlight = null;

/**
 * A wasm panic surfaces as an uncaught RuntimeError (it is raised inside a callback, not in the
 * promise of the call that caused it), after which that call never settles and the engine is
 * unusable. Answer the pending call with a panic error, as the native engine would, clean up, and
 * exit with the native engine's panic status.
 * @param {unknown} e
 */
async function onCrash(e) {
  const error = toRpcError(e, null);
  log("ERROR", String(error.data.message), { is_panic: error.data.is_panic });
  // The CLI kills us as soon as it has the answer: clean up first.
  await dropLeftoverShadowDatabases();
  if (inFlight?.id !== undefined) send({ id: inFlight.id, error });
  inFlight = null;
  process.exit(error.data.is_panic ? 101 : 1);
}

/** @param {Args} args */
async function serveRpc(args) {
  process.on("uncaughtException", onCrash);
  process.on("unhandledRejection", onCrash);
  // The CLI stops us with SIGTERM right after closing stdin (SIGINT on Ctrl-C reaches us too):
  // drop any shadow database still around, without lingering.
  for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT"])) {
    process.on(signal, () => {
      setTimeout(() => process.exit(signal === "SIGTERM" ? 143 : 130), 5000).unref();
      dropLeftoverShadowDatabases().finally(() => process.exit(signal === "SIGTERM" ? 143 : 130));
    });
  }
  const host = createEngineHost(args);
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // One call at a time, in order, as the native engine does.
  let queue = Promise.resolve();
  rl.on("line", (line) => {
    if (!line.trim()) return;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    // Responses to our own "print" requests need no handling.
    if (!request || typeof request.method !== "string") return;
    queue = queue.then(async () => {
      inFlight = request;
      try {
        const result = await handle(host, request);
        // The CLI may kill us as soon as it has the answer: clean up first.
        await dropLeftoverShadowDatabases();
        if (request.id !== undefined) send({ id: request.id, result });
      } catch (e) {
        const error = /** @type {any} */ (e)?.rpc ?? toRpcError(e, null);
        if (!error.data?.is_panic)
          log("ERROR", error.data?.message ?? String(e), error.data?.error_code ? { error_code: error.data.error_code } : {});
        await dropLeftoverShadowDatabases();
        if (request.id !== undefined) send({ id: request.id, error });
      } finally {
        inFlight = null;
      }
    });
  });
  rl.on("close", () => {
    queue.then(async () => {
      await host.close();
      await dropLeftoverShadowDatabases();
      process.exit(0);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// One-shot CLI commands (`cli can-connect-to-database|create-database|drop-database`)
// ---------------------------------------------------------------------------------------------

/** @param {Args} args */
async function runCliCommand(args) {
  const [command] = args.cli;
  // The Prisma CLI ignores the first stderr line when it parses a failure.
  log("INFO", `schema engine bridge: cli ${command}`);
  try {
    const url = args.datasource?.url;
    if (!url) throw new BridgeError("No database URL given (--datasource).", "P1012");
    const target = targetFromUrl(url);
    if (command === "can-connect-to-database") {
      const error = await probeConnection(target);
      if (error) throw error;
    } else if (command === "create-database") {
      const name = await createDatabase(target);
      log("INFO", `Database '${name}' was successfully created.`);
    } else if (command === "drop-database") {
      const name = target.fields.database;
      if (!name) throw new BridgeError("The database URL names no database to drop.");
      const client = new pg.Client({ ...target.fields, database: "postgres" });
      await client.connect();
      try {
        await client.query(`DROP DATABASE ${quoteIdent(name)}`);
      } finally {
        await client.end();
      }
    } else {
      throw new BridgeError(`Unknown cli command: ${command}`);
    }
    process.exit(0);
  } catch (e) {
    const err = /** @type {any} */ (e);
    log("ERROR", String(err?.message ?? err), err?.code ? { error_code: err.code, is_panic: false } : { is_panic: false });
    process.exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const wasmVersion = installedVersion("@prisma/schema-engine-wasm") ?? "unknown";
    const hash = wasmVersion.split(".").pop() ?? wasmVersion;
    process.stdout.write(`schema-engine-cli ${hash} (wasm bridge, @prisma/schema-engine-wasm ${wasmVersion})\n`);
    return;
  }
  if (args.checkVersions) {
    // Used by the test: exit 1 when the installed packages are not the tested set.
    const mismatches = versionMismatches();
    process.stdout.write(mismatches.length ? `untested versions: ${mismatches.join(", ")}\n` : "versions as pinned\n");
    process.exit(mismatches.length ? 1 : 0);
  }
  if (args.help) {
    process.stdout.write(
      "Prisma schema engine bridge (WebAssembly engine + @prisma/adapter-pg).\n" +
        "Spawned by the Prisma CLI through PRISMA_SCHEMA_ENGINE_BINARY; see the header of this file.\n",
    );
    return;
  }
  checkVersions();
  if (args.cli.length > 0) return runCliCommand(args);
  return serveRpc(args);
}

main().catch((e) => {
  log("ERROR", String(e?.stack ?? e), { is_panic: false });
  process.exit(1);
});
