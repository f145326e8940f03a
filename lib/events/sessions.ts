import { englishWords } from "@/lib/i18n/words";
import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { invalid, notFound, conflict } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionType } from "@/lib/generated/prisma/enums";
import { localToInstant } from "./schedule";

/**
 * The programme: an event's sessions (title, type, time in the event's zone,
 * room, people, description and agenda in Markdown, link, theme and
 * sub-themes), entered one by one or imported from CSV all at once.
 */
const TYPES: SessionType[] = [
  "MAIN",
  "WORKSHOP",
  "OPEN_FORUM",
  "DYNAMIC_COALITION",
  "NRI",
  "BEST_PRACTICE_FORUM",
  "INTRODUCTORY",
  "CONCLUDING",
  "OTHER",
];
/** The session types in the programme's order, with their English labels (the words are the catalogue's, lib/i18n/words.ts). */
export const SESSION_TYPES: { type: SessionType; label: string }[] = TYPES.map((type) => ({
  type,
  label: englishWords.sessionType(type),
}));
export const sessionTypeLabel = (type: SessionType) => englishWords.sessionType(type);

/** A type from its code ("OPEN_FORUM") or its label, case and spacing aside ("open forum", "Workshop"). */
export function sessionTypeOf(text: string): SessionType | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  const found = SESSION_TYPES.find(
    (t) =>
      t.type.toLowerCase().replace(/_/g, " ") === key ||
      t.label.toLowerCase() === key ||
      t.label.toLowerCase().replace(/ session$/, "") === key,
  );
  return found?.type ?? null;
}

const person = z
  .object({
    name: z.string().trim().min(1).max(200),
    organisation: z.string().trim().max(200).default(""),
    country: z.string().trim().max(100).default(""),
    stakeholderGroup: z.string().trim().max(100).default(""),
  })
  .strict();
export type SessionPerson = z.infer<typeof person>;

const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => value === "" || /^https?:\/\/[^\s]+$/i.test(value), "must be an http(s) address.");

export const sessionInput = z
  .object({
    title: z.string().trim().min(2).max(300),
    type: z.enum(SESSION_TYPES.map((t) => t.type) as [SessionType, ...SessionType[]]),
    /** Wall-clock times in the event's zone, like 2019-11-26T09:30. */
    start: z.string(),
    end: z.string(),
    room: z.string().trim().max(200).default(""),
    theme: z.string().trim().max(100).nullable().default(null),
    subThemes: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    organisers: z.array(person).max(50).default([]),
    rapporteurs: z.array(person).max(50).default([]),
    description: z.string().max(20_000).default(""),
    agenda: z.string().max(20_000).default(""),
    link: httpUrl.default(""),
  })
  .strict();
export type SessionInput = z.infer<typeof sessionInput>;

interface ThemeWithSubThemes {
  id: string;
  slug: string;
  subThemes: { id: string; name: string }[];
}

async function themesWithSubThemes(eventId: string): Promise<ThemeWithSubThemes[]> {
  return db().theme.findMany({
    where: { eventId, archived: false },
    select: { id: true, slug: true, subThemes: { select: { id: true, name: true } } },
  });
}

/** Checks an input against the event (its zone, themes and sub-themes); returns the row to store, or why not. */
function resolve(input: SessionInput, zone: string, themes: ThemeWithSubThemes[]) {
  let startsAt: Date;
  let endsAt: Date;
  try {
    startsAt = localToInstant(input.start, zone);
    endsAt = localToInstant(input.end, zone);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (endsAt <= startsAt) return { error: "The session must end after it starts." };
  const theme = input.theme ? themes.find((t) => t.slug === input.theme) : null;
  if (input.theme && !theme) return { error: `There is no theme "${input.theme}" in this event.` };
  const subThemeIds: string[] = [];
  for (const name of input.subThemes) {
    const found = theme?.subThemes.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (!found)
      return { error: theme ? `The theme "${theme.slug}" has no sub-theme "${name}".` : `Sub-theme "${name}" needs a theme.` };
    subThemeIds.push(found.id);
  }
  return {
    data: {
      title: input.title,
      type: input.type,
      startsAt,
      endsAt,
      room: input.room,
      themeId: theme?.id ?? null,
      subThemeIds,
      organisers: input.organisers,
      rapporteurs: input.rapporteurs,
      description: input.description,
      agenda: input.agenda,
      link: input.link,
    },
  };
}

export async function createSession(actor: CurrentUser, event: { id: string; timeZone: string }, input: SessionInput) {
  const resolved = resolve(input, event.timeZone, await themesWithSubThemes(event.id));
  if ("error" in resolved) throw invalid(resolved.error!);
  return db().$transaction(async (tx) => {
    const data = resolved.data;
    if (await tx.session.findFirst({ where: { eventId: event.id, title: data.title, startsAt: data.startsAt } })) {
      throw conflict("This event already has a session with this title at this time.");
    }
    const session = await tx.session.create({ data: { ...data, eventId: event.id } });
    await recordAudit(tx, { eventId: event.id, actor, action: "session.create", target: session.title });
    return session;
  });
}

export async function updateSession(
  actor: CurrentUser,
  event: { id: string; timeZone: string },
  sessionId: string,
  input: SessionInput,
) {
  const existing = await db().session.findFirst({ where: { id: sessionId, eventId: event.id } });
  if (!existing) throw notFound("There is no such session in this event.");
  const resolved = resolve(input, event.timeZone, await themesWithSubThemes(event.id));
  if ("error" in resolved) throw invalid(resolved.error!);
  return db().$transaction(async (tx) => {
    const session = await tx.session.update({ where: { id: sessionId }, data: resolved.data });
    await recordAudit(tx, { eventId: event.id, actor, action: "session.update", target: session.title });
    return session;
  });
}

export async function deleteSession(actor: CurrentUser, eventId: string, sessionId: string) {
  const existing = await db().session.findFirst({ where: { id: sessionId, eventId } });
  if (!existing) throw notFound("There is no such session in this event.");
  await db().$transaction(async (tx) => {
    // Under the publication lock: no version can be frozen with it between the check and the delete.
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${"publish:" + eventId}, 0))`;
    const report = await tx.sessionReport.findUnique({ where: { sessionId }, select: { submittedAt: true } });
    if (report?.submittedAt)
      throw conflict("This session has a submitted report, which messages may draw from; it stays in the programme.");
    // A published version lists it (annex) or cites it: its link must keep working.
    const listed = await tx.$queryRaw<{ one: number }[]>`
      select 1 as one from "Version" v join "Document" d on d.id = v."documentId" join "Theme" t on t.id = d."themeId"
      where t."eventId" = ${eventId}::uuid and strpos(v."canonicalJson", ${sessionId}) > 0 limit 1`;
    if (listed.length > 0) throw conflict("A published version lists this session; it stays in the programme.");
    await tx.session.delete({ where: { id: sessionId } });
    await recordAudit(tx, { eventId, actor, action: "session.delete", target: existing.title });
  });
}

/** "Name (Organisation, Country, Group); Name (…)" → people. */
export function peopleFromText(text: string): SessionPerson[] {
  return text
    .split(";")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(.*?)\s*\((.*)\)\s*$/.exec(entry);
      const [organisation = "", country = "", stakeholderGroup = ""] = match ? match[2].split(",").map((p) => p.trim()) : [];
      return { name: match ? match[1].trim() : entry, organisation, country, stakeholderGroup };
    });
}

export const CSV_COLUMNS = [
  "title",
  "type",
  "date",
  "start",
  "end",
  "room",
  "theme",
  "sub_themes",
  "organisers",
  "rapporteurs",
  "link",
  "description",
  "agenda",
] as const;

export interface ImportReport {
  imported: number;
  /** One entry per bad row: its line in the file and why. Nothing is imported while any is present. */
  errors: { line: number; title: string; message: string }[];
}

/** Most sessions one import may hold (large conferences have 300–600; a file past this is refused whole). */
export const IMPORT_MAX_SESSIONS = 10_000;
/** Rows per INSERT while importing: well under Postgres's 65,535 bind parameters. */
const IMPORT_BATCH = 1000;

/**
 * Imports a programme from CSV (a header row naming the columns of
 * `CSV_COLUMNS`; title, type, date, start and end required). Every row is
 * checked first; if any is wrong nothing is imported and the report names
 * each bad row and why. Past IMPORT_MAX_SESSIONS rows nothing is imported
 * either. The rows go in by batches inside one transaction, given the time a
 * large file needs: all of them are stored, or none.
 */
export async function importSessions(
  actor: CurrentUser,
  event: { id: string; timeZone: string },
  csv: string,
): Promise<ImportReport> {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (records.length === 0) throw invalid("The file has no sessions: a header row, then one row per session.");
  if (records.length > IMPORT_MAX_SESSIONS) {
    throw invalid(
      `The file has ${records.length} sessions; one import takes at most ${IMPORT_MAX_SESSIONS}. Split it; nothing was imported.`,
    );
  }
  const unknown = Object.keys(records[0]).filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) throw invalid(`Unknown column "${unknown[0]}"; the columns are: ${CSV_COLUMNS.join(", ")}.`);
  const themes = await themesWithSubThemes(event.id);
  const existing = await db().session.findMany({ where: { eventId: event.id }, select: { title: true, startsAt: true } });
  const seen = new Set(existing.map((s) => `${s.title}\n${s.startsAt.toISOString()}`));
  const errors: ImportReport["errors"] = [];
  const rows: NonNullable<ReturnType<typeof resolve>["data"]>[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const title = record.title ?? "";
    const fail = (message: string) => errors.push({ line, title, message });
    const type = sessionTypeOf(record.type ?? "");
    if (!type) return fail(`Unknown type "${record.type ?? ""}"; use one of: ${SESSION_TYPES.map((t) => t.label).join(", ")}.`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(record.date ?? "")) return fail(`The date "${record.date ?? ""}" is not like 2019-11-26.`);
    if (!/^\d{1,2}:\d{2}$/.test(record.start ?? "") || !/^\d{1,2}:\d{2}$/.test(record.end ?? "")) {
      return fail("Start and end must be times like 09:30.");
    }
    const pad = (time: string) => time.padStart(5, "0");
    const parsed = sessionInput.safeParse({
      title,
      type,
      start: `${record.date}T${pad(record.start)}`,
      end: `${record.date}T${pad(record.end)}`,
      room: record.room ?? "",
      theme: record.theme || null,
      subThemes: (record.sub_themes ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean),
      organisers: peopleFromText(record.organisers ?? ""),
      rapporteurs: peopleFromText(record.rapporteurs ?? ""),
      link: record.link ?? "",
      description: record.description ?? "",
      agenda: record.agenda ?? "",
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(`${issue.path.join(".") || "row"}: ${issue.message}`);
    }
    const resolved = resolve(parsed.data, event.timeZone, themes);
    if ("error" in resolved) return fail(resolved.error!);
    const key = `${resolved.data.title}\n${resolved.data.startsAt.toISOString()}`;
    if (seen.has(key)) return fail("A session with this title at this time is already in the programme or earlier in the file.");
    seen.add(key);
    rows.push(resolved.data);
  });
  if (errors.length > 0) return { imported: 0, errors };
  await db().$transaction(
    async (tx) => {
      for (let i = 0; i < rows.length; i += IMPORT_BATCH) {
        await tx.session.createMany({ data: rows.slice(i, i + IMPORT_BATCH).map((row) => ({ ...row, eventId: event.id })) });
      }
      await recordAudit(tx, { eventId: event.id, actor, action: "session.import", target: `${rows.length} sessions` });
    },
    // The default 5 s suits a click; a file of thousands of sessions may need longer on a busy machine.
    { maxWait: 10_000, timeout: 120_000 },
  );
  return { imported: rows.length, errors: [] };
}

export const subThemesInput = z
  .array(z.object({ name: z.string().trim().min(1).max(200), facilitator: z.string().trim().max(200).default("") }).strict())
  .max(30)
  .refine((list) => new Set(list.map((s) => s.name.toLowerCase())).size === list.length, "A sub-theme is listed twice.");

/** Sets a theme's sub-themes, in order; one still used by a session cannot be removed. */
export async function setSubThemes(actor: CurrentUser, eventId: string, themeId: string, input: z.infer<typeof subThemesInput>) {
  const theme = await db().theme.findFirst({ where: { id: themeId, eventId, archived: false }, include: { subThemes: true } });
  if (!theme) throw notFound("There is no such theme in this event.");
  return db().$transaction(async (tx) => {
    const keep = new Set(input.map((s) => s.name.toLowerCase()));
    for (const old of theme.subThemes.filter((s) => !keep.has(s.name.toLowerCase()))) {
      const used = await tx.session.count({ where: { subThemeIds: { has: old.id } } });
      if (used > 0)
        throw conflict(`The sub-theme "${old.name}" is used by ${used} session${used === 1 ? "" : "s"}; move them first.`);
      await tx.subTheme.delete({ where: { id: old.id } });
    }
    for (const [position, item] of input.entries()) {
      const match = theme.subThemes.find((s) => s.name.toLowerCase() === item.name.toLowerCase());
      if (match)
        await tx.subTheme.update({ where: { id: match.id }, data: { name: item.name, facilitator: item.facilitator, position } });
      else await tx.subTheme.create({ data: { themeId, name: item.name, facilitator: item.facilitator, position } });
    }
    await recordAudit(tx, { eventId, actor, action: "theme.sub-themes", target: theme.title, details: { count: input.length } });
    return tx.subTheme.findMany({ where: { themeId }, orderBy: { position: "asc" } });
  });
}

/** The public programme of an event, filterable by theme slug, sub-theme id, type and day (YYYY-MM-DD in the event's zone). */
/** Which sessions of the programme to list; `day` is a date (2019-11-26) in the event's zone `zone`. */
export interface ProgrammeFilter {
  theme?: string;
  subTheme?: string;
  type?: SessionType;
  day?: string;
  zone: string;
}

/** Sessions on one page of the public programme and its API (large conferences have several hundred). */
export const PROGRAMME_PAGE_SIZE = 100;

function programmeWhere(eventId: string, filter: ProgrammeFilter): Prisma.SessionWhereInput {
  const start = filter.day ? DateTime.fromISO(filter.day, { zone: filter.zone }) : null;
  return {
    eventId,
    ...(filter.theme ? { theme: { slug: filter.theme } } : {}),
    ...(filter.subTheme ? { subThemeIds: { has: filter.subTheme } } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(start?.isValid ? { startsAt: { gte: start.toJSDate(), lt: start.plus({ days: 1 }).toJSDate() } } : {}),
  };
}

/** The programme in time order, filtered; `page` takes one slice of it. */
export function programme(eventId: string, filter: ProgrammeFilter = { zone: "UTC" }, page?: { skip: number; take: number }) {
  return db().session.findMany({
    where: programmeWhere(eventId, filter),
    include: { theme: { select: { slug: true, title: true } } },
    orderBy: [{ startsAt: "asc" }, { title: "asc" }, { id: "asc" }],
    ...(page ?? {}),
  });
}

/** How many sessions the filter matches. */
export function programmeCount(eventId: string, filter: ProgrammeFilter): Promise<number> {
  return db().session.count({ where: programmeWhere(eventId, filter) });
}

/** The days of the programme (dates in the event's zone), in order. */
export async function programmeDays(eventId: string, zone: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ day: string }[]>`
    select distinct to_char(("startsAt" at time zone 'UTC') at time zone ${zone}, 'YYYY-MM-DD') as day
    from "Session" where "eventId" = ${eventId}::uuid order by day`;
  return rows.map((row) => row.day);
}

export const peopleOf = (value: unknown): SessionPerson[] => {
  const parsed = z.array(person).safeParse(value);
  return parsed.success ? parsed.data : [];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One session of an event, with its theme's slug and title; null if the id names none. */
export function sessionOfEvent(eventId: string, sessionId: string) {
  if (!UUID.test(sessionId)) return Promise.resolve(null);
  return db().session.findFirst({
    where: { id: sessionId, eventId },
    include: { theme: { select: { slug: true, title: true } } },
  });
}
