import { randomBytes } from "node:crypto";
import pg from "pg";
import * as Y from "yjs";
import { createDb, type Db } from "@/lib/db";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/infra/embedded-postgres";
import { migrateDeploy } from "@/lib/infra/migrate";
import { makeEvent } from "@/lib/testing/factories";
import { freePort } from "@/lib/testing/global-setup";
import { sessionCookie } from "@/server/testing";
import { HOCUSPOCUS_TABLE } from "./hocuspocus-table";
import { pinServerSide } from "./servers";

/**
 * The benchmark's world: a database of its own (on an embedded Postgres
 * unless an admin URL is given), one event whose participants may watch the
 * live draft, its rapporteurs and participants with session cookies, and a
 * fresh document for every run.
 */
export interface BenchWorld {
  databaseUrl: string;
  /** The embedded Postgres's main process, to measure the database's CPU; none on a given server. */
  databasePid: number | null;
  secret: string;
  /** Session cookies of `count` rapporteurs or participants (created on first use, then reused). */
  cookies(role: "RAPPORTEUR" | "PARTICIPANT", count: number): Promise<string[]>;
  /**
   * A new document for one run, on every server: our Document row, and the
   * same state in Hocuspocus's table. `history` client ids have each typed a
   * word into it before, as a week of rapporteurs reloading their tabs does.
   */
  document(history: number): Promise<string>;
  close(): Promise<void>;
}

/** A document's state after `history` client ids have each written in it. */
export function stateWithHistory(base: Uint8Array, history: number): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  const fragment = doc.getXmlFragment("default");
  for (let i = 0; i < history; i++) {
    doc.clientID = 1_000_000 + i;
    const text = new Y.XmlText(`edit ${i} `);
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    fragment.push([paragraph]);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export async function createWorld(options: { adminUrl?: string; dataDir: string }): Promise<BenchWorld> {
  let embedded: EmbeddedServer | undefined;
  let adminUrl = options.adminUrl;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({ dir: options.dataDir, port: await freePort(), takeOver: true });
    adminUrl = embedded.adminUrl;
    pinServerSide(embedded.process.pid!);
  }
  const database = `rapporteur_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();
  await migrateDeploy(databaseUrl);
  process.env.DATABASE_URL = databaseUrl;

  const db: Db = createDb(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  await pool.query(`create table if not exists ${HOCUSPOCUS_TABLE} (name text primary key, data bytea not null)`);
  const event = await makeEvent(db, { participantsWatchDrafts: true });
  const base = event.themes[0].document!.state;
  const secret = randomBytes(24).toString("hex");
  const made = { RAPPORTEUR: [] as string[], PARTICIPANT: [] as string[] };
  let documents = 0;

  return {
    databaseUrl,
    databasePid: embedded?.process.pid ?? null,
    secret,
    async cookies(role, count) {
      const list = made[role];
      if (list.length < count) {
        const missing = count - list.length;
        const tag = randomBytes(4).toString("hex");
        const emails = Array.from({ length: missing }, (_, i) => `bench-${role.toLowerCase()}-${tag}-${i}@example.test`);
        // No password: these accounts only ever present a session cookie.
        await db.user.createMany({
          data: emails.map((email, i) => ({
            email,
            name: `${role} ${list.length + i}`,
            passwordHash: "",
            emailVerifiedAt: new Date(),
          })),
        });
        const users = await db.user.findMany({ where: { email: { in: emails } } });
        await db.membership.createMany({ data: users.map((user) => ({ userId: user.id, eventId: event.id, role })) });
        for (const user of users) list.push(await sessionCookie(user, secret));
      }
      return list.slice(0, count);
    },
    async document(history) {
      documents += 1;
      const state = stateWithHistory(base, history);
      const theme = await db.theme.create({
        data: { eventId: event.id, slug: `bench-${documents}`, title: `Bench ${documents}`, position: documents },
      });
      const document = await db.document.create({ data: { themeId: theme.id, title: theme.title, state: Buffer.from(state) } });
      await pool.query(`insert into ${HOCUSPOCUS_TABLE} (name, data) values ($1, $2)`, [document.id, Buffer.from(state)]);
      return document.id;
    },
    async close() {
      await pool.end();
      await db.$disconnect();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect().catch(() => {});
      await admin.query(`drop database if exists "${database}" with (force)`).catch(() => {});
      await admin.end().catch(() => {});
      await embedded?.stop();
    },
  };
}

/** Keystrokes a stored document lacks: for each author, how far its stored clock falls short. */
export function missingFrom(state: Uint8Array, authored: Map<number, number>): number {
  const stored = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
  let lost = 0;
  for (const [author, clock] of authored) lost += Math.max(0, clock - (stored.get(author) ?? 0));
  return lost;
}
