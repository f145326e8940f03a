import Link from "next/link";
import { notFound } from "next/navigation";
import { programmeEvent } from "@/lib/events/views";
import { PROGRAMME_PAGE_SIZE, programme, programmeCount, programmeDays, SESSION_TYPES } from "@/lib/events/sessions";
import { getWhen } from "@/lib/i18n/server";
import type { SessionType } from "@/lib/generated/prisma/enums";
import { getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

type Search = { theme?: string; subTheme?: string; type?: string; day?: string; page?: string };

/** The event's public programme, filterable by theme, sub-theme, type and day, a hundred sessions a page. */
export default async function ProgrammePage({
  params,
  searchParams,
}: {
  params: Promise<{ event: string }>;
  searchParams: Promise<Search>;
}) {
  const event = await programmeEvent((await params).event);
  if (!event) notFound();
  const search = await searchParams;
  const type = SESSION_TYPES.some((t) => t.type === search.type) ? (search.type as SessionType) : undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(search.day ?? "") ? search.day : undefined;
  const subTheme = event.themes.some((t) => t.subThemes.some((s) => s.id === search.subTheme)) ? search.subTheme : undefined;
  const theme = event.themes.some((t) => t.slug === search.theme) ? search.theme : undefined;
  const filter = { theme, subTheme, type, day, zone: event.timeZone };
  const [days, total] = await Promise.all([programmeDays(event.id, event.timeZone), programmeCount(event.id, filter)]);
  const pages = Math.max(1, Math.ceil(total / PROGRAMME_PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(search.page ?? "1", 10) || 1));
  const sessions = await programme(event.id, filter, { skip: (page - 1) * PROGRAMME_PAGE_SIZE, take: PROGRAMME_PAGE_SIZE });
  const pageLink = (to: number) => {
    const query = new URLSearchParams(Object.entries({ theme, subTheme, type, day }).filter(([, v]) => v) as [string, string][]);
    query.set("page", String(to));
    return `/events/${event.slug}/programme?${query}`;
  };
  const [tp, types, when] = await Promise.all([getTranslations("programme"), getTranslations("sources"), getWhen()]);
  const subThemeName = new Map(event.themes.flatMap((t) => t.subThemes.map((s) => [s.id, s.name] as const)));
  return (
    <main>
      <p className="small">
        <Link href={`/events/${event.slug}`}>← {event.name}</Link>
      </p>
      <h1>{tp("heading")}</h1>
      <form method="get" className="row" aria-label={tp("filterLabel")}>
        <label>
          {tp("theme")}
          <select name="theme" defaultValue={search.theme ?? ""}>
            <option value="">{tp("allThemes")}</option>
            {event.themes.map((t) => (
              <option key={t.id} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tp("subTheme")}
          <select name="subTheme" defaultValue={subTheme ?? ""}>
            <option value="">{tp("allSubThemes")}</option>
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
          {tp("type")}
          <select name="type" defaultValue={type ?? ""}>
            <option value="">{tp("allTypes")}</option>
            {SESSION_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {types("type", { type: t.type })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tp("day")}
          <select name="day" defaultValue={day ?? ""}>
            <option value="">{tp("allDays")}</option>
            {days.map((d) => (
              <option key={d} value={d}>
                {when(`${d}T12:00:00Z`, "UTC", "day")}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{tp("filter")}</button>
      </form>
      {days.length === 0 ? (
        <p className="empty">{tp("empty")}</p>
      ) : sessions.length === 0 ? (
        <p className="empty">{tp("noMatch")}</p>
      ) : (
        <ul className="programme" data-testid="programme">
          {sessions.map((s) => (
            <li key={s.id}>
              <Link href={`/events/${event.slug}/sessions/${s.id}`}>{s.title}</Link>{" "}
              <span className="muted small">
                {types("type", { type: s.type })} · {when(s.startsAt, event.timeZone, "short")}–
                {when(s.endsAt, event.timeZone, "time")}
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
      {total > PROGRAMME_PAGE_SIZE && (
        <nav aria-label={tp("pages")} className="row small">
          <span>
            {tp("showing", {
              from: (page - 1) * PROGRAMME_PAGE_SIZE + 1,
              to: Math.min(total, page * PROGRAMME_PAGE_SIZE),
              total,
            })}
          </span>
          {page > 1 && (
            <Link href={pageLink(page - 1)} rel="prev">
              {tp("previous")}
            </Link>
          )}
          {page < pages && (
            <Link href={pageLink(page + 1)} rel="next">
              {tp("next")}
            </Link>
          )}
        </nav>
      )}
    </main>
  );
}
