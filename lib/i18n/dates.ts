import { FORMAT_LOCALE, isLocale } from "@/lib/i18n/locales";

const STYLES = {
  /** "1 Dec 2026, 14:30" */
  medium: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
  /** "Tuesday 1 December 2026 at 14:30" */
  full: { dateStyle: "full", timeStyle: "short" },
  /** "1 Dec 2026, 14:30 CET" */
  zoned: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  /** "Tuesday 1 December" */
  day: { weekday: "long", day: "numeric", month: "long" },
  /** "Tue 1 Dec" */
  shortDay: { weekday: "short", day: "numeric", month: "short" },
  /** "14:30" */
  time: { hour: "2-digit", minute: "2-digit" },
  /** "1 Dec, 14:30" */
  short: { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type WhenStyle = keyof typeof STYLES;

/** An instant in a language's conventions and a given time zone (an event's: everyone at a conference reads its local time). */
/** `zone` undefined: the reader's own time zone (only once the page runs in their browser). */
export function formatWhen(locale: string, at: string | Date, zone: string | undefined, style: WhenStyle = "medium"): string {
  const conventions = isLocale(locale) ? FORMAT_LOCALE[locale] : locale;
  return new Intl.DateTimeFormat(conventions, { ...STYLES[style], timeZone: zone }).format(
    typeof at === "string" ? new Date(at) : at,
  );
}
