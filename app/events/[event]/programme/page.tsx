import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { db } from "@/lib/db";
import { programme, SESSION_TYPES, sessionTypeLabel } from "@/lib/events/sessions";
import type { SessionType } from "@/lib/generated/prisma/enums";

export const dynamic = "force-dynamic";

type Search = { theme?: string; subTheme?: string; type?: string; day?: string };

/** The event's public programme, filterable by theme, sub-theme, type and day. */
export default async function ProgrammePage({
  params,
  searchParams,
}: {
  params: Promise<{ event: string }>;
  searchParams: Promise<Search>;
}) {
  const event = await db().event.findUnique({
    where: { slug: (await params).event },
    include: {
      themes: {
        where: { archived: false },
        orderBy: { position: "asc" },
        include: { subThemes: { orderBy: { position: "asc" } } },
      },
    },
  });
  if (!event || event.archived) notFound();
  const search = await searchParams;
  const type = SESSION_TYPES.some((t) => t.type === search.type) ? (search.type as SessionType) : undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(search.day ?? "") ? search.day : undefined;
  const subTheme = /^[0-9a-f-]{36}$/i.test(search.subTheme ?? "") ? search.subTheme : undefined;
  const all = await programme(event.id, { zone: event.timeZone });
  const sessions = await programme(event.id, { theme: search.theme || undefined, subTheme, type, day, zone: event.timeZone });
  const days = [...new Set(all.map((s) => DateTime.fromJSDate(s.startsAt, { zone: event.timeZone }).toISODate()!))];
  const when = (date: Date) => DateTime.fromJSDate(date, { zone: event.timeZone }).setLocale("en-GB");
  const subThemeName = new Map(event.themes.flatMap((t) => t.subThemes.map((s) => [s.id, s.name] as const)));
  return (
    <main>
      <p className="small">
        <Link href={`/events/${event.slug}`}>← {event.name}</Link>
      </p>
      <h1>Programme</h1>
      <form method="get" className="row" aria-label="Filter the programme">
        <label>
          Theme
          <select name="theme" defaultValue={search.theme ?? ""}>
            <option value="">All themes</option>
            {event.themes.map((t) => (
              <option key={t.id} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sub-theme
          <select name="subTheme" defaultValue={subTheme ?? ""}>
            <option value="">All sub-themes</option>
            {event.themes.flatMap((t) =>
              t.subThemes.map((s) => (
                <option key={s.id} value={s.id}>
                  {t.title}: {s.name}
                </option>
              )),
            )}
          </select>
        </label>
        <label>
          Type
          <select name="type" defaultValue={type ?? ""}>
            <option value="">All types</option>
            {SESSION_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Day
          <select name="day" defaultValue={day ?? ""}>
            <option value="">All days</option>
            {days.map((d) => (
              <option key={d} value={d}>
                {DateTime.fromISO(d).setLocale("en-GB").toFormat("cccc d MMMM")}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      {all.length === 0 ? (
        <p className="empty">The programme has no sessions yet.</p>
      ) : sessions.length === 0 ? (
        <p className="empty">No session matches these filters.</p>
      ) : (
        <ul className="programme" data-testid="programme">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link href={`/events/${event.slug}/sessions/${s.id}`}>{s.title}</Link>{" "}
              <span className="muted small">
                {sessionTypeLabel(s.type)} · {when(s.startsAt).toFormat("ccc d MMM, HH:mm")}–{when(s.endsAt).toFormat("HH:mm")}
                {s.room ? ` · ${s.room}` : ""}
                {s.theme ? ` · ${s.theme.title}` : ""}
                {s.subThemeIds.length > 0
                  ? ` (${s.subThemeIds
                      .map((id) => subThemeName.get(id))
                      .filter(Boolean)
                      .join(", ")})`
                  : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
