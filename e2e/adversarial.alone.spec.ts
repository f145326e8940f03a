import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { addMember, makeEvent, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { publishMilestone } from "@/lib/publishing/publish";
import { E2E_BASE_URL } from "./support/env";
import { expect, signIn, test } from "./support/fixtures";

/**
 * Our own adversarial suite: every route handler under app/api, found in the
 * file tree (a new route is covered without editing this file), gets bad
 * input in every path parameter, query parameter and body field it has — a
 * NUL character, a long string, negative and huge numbers, a wrong type, an
 * unknown id — and must answer 4xx with a stable `code`, never 5xx, and store
 * nothing. Body fields are found by asking the route: an empty body makes it
 * name the fields it requires (400 `issues`), which are filled in until it
 * accepts, and then spoilt one at a time. Runs alone (the "alone" project, after every other), since
 * "nothing stored" is read from a count of every write to the database.
 */

const API = path.resolve(import.meta.dirname, "../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

interface RouteFile {
  /** The URL path with its [parameters], e.g. /api/events/[event]/themes. */
  pattern: string;
  methods: Method[];
  /** Query parameter names the handler reads. */
  query: string[];
  /** Body fields its schemas name, optional ones included (read from their source). */
  fields: string[];
}

const ROOT = path.resolve(import.meta.dirname, "..");
let schemaSources: string | undefined;
/** Every TypeScript source under lib/ and app/api, where input schemas live. */
function sources(): string {
  const read = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return name === "generated" ? [] : read(full);
      return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [readFileSync(full, "utf8")] : [];
    });
  return (schemaSources ??= [...read(path.join(ROOT, "lib")), ...read(API)].join("\n"));
}

/** The top-level keys of the `z.object({...})` that `const <name> =` starts with, found in the sources. */
function schemaKeys(name: string): string[] {
  const source = sources();
  const start = new RegExp(`const ${name}\\b[^=]*=\\s*z\\s*\\.object\\(\\{`).exec(source);
  if (!start) return [];
  const keys: string[] = [];
  let depth = 1;
  let token = "";
  for (let i = start.index + start[0].length; i < source.length && depth > 0; i++) {
    const char = source[i];
    if ("{([".includes(char)) depth++;
    else if ("})]".includes(char)) depth--;
    else if (depth === 1 && char === ":" && /^\s*\w+\s*$/.test(token)) keys.push(token.trim());
    if (depth === 1 && (char === "," || char === "\n")) token = "";
    else if (depth === 1 && char !== ":") token += char;
  }
  return keys;
}

function routeFiles(dir = API): RouteFile[] {
  const found: RouteFile[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full));
    else if (name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export (const|async function) ${m}\\b|as ${m}\\b`).test(source));
      const query = new Set<string>();
      for (const match of source.matchAll(/(?:searchParams|query)\.get\("(\w+)"\)/g)) query.add(match[1]);
      const schema = /const query = z\s*\.object\(\{([\s\S]*?)\}\)/.exec(source)?.[1] ?? "";
      for (const match of schema.matchAll(/^\s*(\w+):/gm)) query.add(match[1]);
      const pattern = "/api/" + path.relative(API, path.dirname(full)).split(path.sep).join("/");
      const fields = [...source.matchAll(/readJson\(request, (\w+)\)/g)].flatMap((match) => schemaKeys(match[1]));
      found.push({ pattern, methods, query: [...query], fields: [...new Set(fields)] });
    }
  }
  return found;
}

/** Bad values for a string parameter in a URL (a path segment or a query value). */
const BAD_PARAMETERS = ["%00", "a%00b", "%E0%A4%A", "-1", "1e32", "99999999999999999999999999999999", "x".repeat(4000)];
/** Bad values for a body field. */
const badValues = (field: string): unknown[] => [
  "\u0000",
  "text with a NUL \u0000 inside",
  "\uFFFF",
  "a".repeat(100_000),
  -1,
  1e32,
  Number.MAX_SAFE_INTEGER + 2,
  { nested: true },
  [-1, 1e32],
  ...(/ids?$/i.test(field) ? [randomUUID(), [randomUUID()]] : []),
];

let writes: pg.Pool;
/** Rows written so far (counted by triggers this test installs, for its own run only). */
const writeCount = async () => Number((await writes.query(`select n from adversarial_writes`)).rows[0].n);

test.describe.configure({ mode: "serial" });

test("every API route answers bad input with 4xx and a code, never 5xx, and stores nothing", async ({ page, db }) => {
  test.setTimeout(600_000);
  writes = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 1 });
  await installWriteCounter();
  try {
    const ids = await fixtures(db);
    let cookie = await signedIn(page, ids.email);
    const failures: string[] = [];
    const withFields: string[] = [];
    let sent = 0;
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(50);
    // DELETE last: it may archive what later routes need.
    const calls = files
      .flatMap((file) => file.methods.map((method) => ({ file, method })))
      .sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const { file, method } of calls) {
      // A route may end our session ("sign out everywhere"): sign in again.
      if ((await call("GET", "/api/account", cookie)).status === 401) cookie = await signedIn(page, ids.email);
      const url = fill(file.pattern, ids);
      const body =
        method === "GET"
          ? undefined
          : ((await discoverBody(method, url, cookie, ids)) ?? (file.fields.length > 0 ? {} : undefined));
      /** `refuse`: a value no route may accept (a character that cannot be stored, a malformed escape). */
      const attempts: { what: string; method: Method; url: string; body?: unknown; refuse: boolean }[] = [];
      const unstorable = (value: unknown) =>
        typeof value === "string" && ["%00", "\u0000", "\uFFFF"].some((bad) => value.includes(bad));
      // Path parameters, one at a time.
      for (const name of file.pattern.match(/\[(?:\.\.\.)?(\w+)\]/g) ?? []) {
        for (const bad of [...BAD_PARAMETERS, randomUUID()]) {
          const where = fill(file.pattern, ids, { [name]: bad });
          attempts.push({ what: `path ${name} = ${bad.slice(0, 20)}`, method, url: where, body, refuse: unstorable(bad) });
        }
      }
      // Query parameters the handler reads.
      for (const name of file.query) {
        for (const bad of BAD_PARAMETERS) {
          const where = `${url}?${name}=${bad}`;
          attempts.push({ what: `query ${name} = ${bad.slice(0, 20)}`, method, url: where, body, refuse: unstorable(bad) });
        }
      }
      // Body fields, one at a time, the others as the route accepted them.
      const fields = body ? [...new Set([...Object.keys(body), ...file.fields])] : [];
      if (fields.length > 0) withFields.push(`${method} ${file.pattern}: ${fields.join(", ")}`);
      if (body) {
        for (const field of fields) {
          for (const bad of badValues(field)) {
            const what = `body ${field} = ${JSON.stringify(bad).slice(0, 20)}`;
            attempts.push({ what, method, url, body: { ...body, [field]: bad }, refuse: true });
          }
        }
        attempts.push({ what: "body key with NUL", method, url, body: { ...body, "k\u0000": "v" }, refuse: true });
      }
      if (body !== undefined) attempts.push({ what: "body not an object", method, url, body: "\u0000", refuse: true });
      for (const attempt of attempts) {
        sent += 1;
        const before = await writeCount();
        const response = await call(attempt.method, attempt.url, cookie, attempt.body);
        const after = await writeCount();
        const label = `${attempt.method} ${file.pattern} (${attempt.what})`;
        const ours = !file.pattern.startsWith("/api/auth/");
        if (response.status >= 500) failures.push(`${label}: ${response.status} ${response.text.slice(0, 120)}`);
        else if (response.status < 400 && attempt.refuse && ours) failures.push(`${label}: accepted with ${response.status}`);
        else if (response.status >= 400 && ours && typeof response.json?.code !== "string")
          failures.push(`${label}: ${response.status} without a code: ${response.text.slice(0, 80)}`);
        if (after !== before && (response.status >= 400 || attempt.refuse))
          failures.push(`${label}: ${after - before} rows written`);
      }
    }
    console.log(`${sent} bad requests to ${calls.length} handlers; body fields found for ${withFields.length}:`);
    console.log(withFields.join("\n"));
    expect(failures).toEqual([]);
    // The walk reached into the bodies: most routes that change something name their fields.
    expect(withFields.length).toBeGreaterThanOrEqual(30);
  } finally {
    await removeWriteCounter();
    await writes.end();
  }
});

test("pages answer an address holding a NUL or a malformed escape with 400, never 500", async ({ db }) => {
  const event = await makeEvent(db);
  for (const address of [
    "/events/%00",
    `/events/${event.slug}/programme?theme=%00`,
    `/events/${event.slug}/programme?subTheme=%00&day=%00`,
    "/workspace/events/a%00b",
    `/events/${event.slug}/%E0%A4%A`,
  ]) {
    const response = await fetch(`${E2E_BASE_URL}${address}`, { redirect: "manual" });
    expect(response.status, address).toBe(400);
    expect((await response.json()).code, address).toBe("invalid");
  }
  // A programme filter naming nothing that exists shows the programme rather than failing.
  expect(
    (await fetch(`${E2E_BASE_URL}/events/${event.slug}/programme?theme=nothing&subTheme=${randomUUID()}&page=-5`)).status,
  ).toBe(200);
});

/** What the routes' parameters stand for: a real event with everything a route may name. */
async function fixtures(db: Parameters<typeof makeEvent>[0]) {
  const admin = await makeUser(db, { siteAdmin: true });
  const victim = await makeUser(db);
  const event = await makeEvent(db, { themes: ["Walked", "Other"], openSignup: true });
  await addMember(db, admin.id, event.id, "SECRETARIAT");
  await addMember(db, victim.id, event.id, "RAPPORTEUR");
  const { versions } = await publishMilestone(event.id, "DAY3", null, new Date(), db);
  const version = versions[0];
  const session = await db.session.create({
    data: {
      eventId: event.id,
      title: "A walked session",
      type: "WORKSHOP",
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 3600_000),
    },
  });
  const thread = await db.commentThread.create({
    data: {
      documentId: version.documentId,
      versionId: version.versionId,
      messageId: "m-1",
      quote: "First message.",
      authorId: victim.id,
      comments: { create: { authorId: victim.id, body: "A comment to walk." } },
    },
    include: { comments: true },
  });
  const invitation = await db.invitation.create({
    data: {
      eventId: event.id,
      email: `invited-${randomUUID()}@example.test`,
      role: "PARTICIPANT",
      tokenHash: randomUUID(),
      expiresAt: new Date(Date.now() + 3600_000),
      invitedById: admin.id,
    },
  });
  return {
    email: admin.email,
    values: {
      event: event.slug,
      themeId: event.themes[0].id,
      documentId: event.themes[0].document!.id,
      sessionId: session.id,
      milestone: "day-4",
      userId: victim.id,
      commentId: thread.comments[0].id,
      threadId: thread.id,
      versionId: version.versionId,
      id: version.versionId,
      invitationId: invitation.id,
      token: "a".repeat(43),
      nextauth: "session",
    } as Record<string, string>,
    /** Real ids for body fields the discovery fills in. */
    byField: {
      themeId: event.themes[0].id,
      themeIds: [event.themes[0].id],
      sessionId: session.id,
      sessionIds: [session.id],
      userId: victim.id,
      messageId: "m-1",
    } as Record<string, unknown>,
  };
}

type Ids = Awaited<ReturnType<typeof fixtures>>;

function fill(pattern: string, ids: Ids, bad: Record<string, string> = {}): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (whole, name: string) => {
    if (whole in bad) return bad[whole];
    return encodeURIComponent(ids.values[name] ?? "x");
  });
}

async function signedIn(page: import("@playwright/test").Page, email: string): Promise<string> {
  await page.context().clearCookies();
  await signIn(page, email, TEST_PASSWORD);
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

async function call(method: Method, url: string, cookie: string, body?: unknown) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const response = await fetch(`${E2E_BASE_URL}${url}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
      signal: controller.signal,
    });
    // A live stream never ends: its headers are the answer.
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      controller.abort();
      return { status: response.status, text: "", json: null };
    }
    const text = await response.text();
    let json: { code?: unknown; issues?: { path: string; message: string }[] } | null = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, text, json };
  } finally {
    clearTimeout(timer);
  }
}

/** A guess at a valid value from what the route said was wrong with a field. */
function guess(field: string, message: string, ids: Ids): unknown {
  const name = field.split(".").pop() ?? field;
  if (name in ids.byField) return ids.byField[name];
  const option = /expected one of "([^"]+)"/.exec(message);
  if (option) return option[1];
  if (/expected number/.test(message)) return 1;
  if (/expected boolean/.test(message)) return true;
  if (/expected array/.test(message)) return [];
  if (/expected object/.test(message)) return {};
  if (/uuid/i.test(message)) return randomUUID();
  if (/e-?mail/i.test(name + message)) return `walker-${randomUUID().slice(0, 8)}@example.test`;
  if (/url|link/i.test(name + message)) return "https://example.org/walked";
  if (/date|start|end|due|at$/i.test(name)) return "2026-12-20T09:00";
  if (/password/i.test(name)) return "a walker's long password";
  return "Sample text from the walker";
}

/** A body the route accepts, found by filling in the fields it names as missing or wrong. */
async function discoverBody(method: Method, url: string, cookie: string, ids: Ids): Promise<Record<string, unknown> | undefined> {
  let body: Record<string, unknown> = {};
  const tried = new Map<string, number>();
  for (let round = 0; round < 8; round++) {
    const response = await call(method, url, cookie, body);
    const issues = response.status === 400 ? (response.json?.issues ?? []) : [];
    const fixable = issues.filter((i) => i.path && (tried.get(i.path) ?? 0) < 2);
    if (fixable.length === 0) return Object.keys(body).length > 0 || response.status === 400 ? body : undefined;
    for (const issue of fixable) {
      tried.set(issue.path, (tried.get(issue.path) ?? 0) + 1);
      setPath(body, issue.path.split("."), guess(issue.path, issue.message, ids));
    }
    body = { ...body };
  }
  return body;
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let at: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof at[key] !== "object" || at[key] === null) at[key] = {};
    at = at[key] as Record<string, unknown>;
  }
  at[keys.at(-1)!] = value;
}

/** Counts every row written, by a trigger on every table but the instances' heartbeats. */
async function installWriteCounter() {
  await writes.query(`
    create table if not exists adversarial_writes (n bigint not null);
    delete from adversarial_writes; insert into adversarial_writes values (0);
    create or replace function adversarial_count() returns trigger language plpgsql as $$
      begin update adversarial_writes set n = n + 1; return null; end $$;`);
  for (const table of await countedTables()) {
    await writes.query(
      `create or replace trigger adversarial_count after insert or update or delete on "${table}" for each row execute function adversarial_count()`,
    );
  }
}

async function removeWriteCounter() {
  for (const table of await countedTables()) await writes.query(`drop trigger if exists adversarial_count on "${table}"`);
  await writes.query(`drop table if exists adversarial_writes; drop function if exists adversarial_count()`);
}

async function countedTables(): Promise<string[]> {
  const { rows } = await writes.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('_prisma_migrations', 'adversarial_writes', 'CollabInstance', 'CollabSocket')`,
  );
  return rows.map((row) => row.name);
}
