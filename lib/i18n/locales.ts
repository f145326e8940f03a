import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { z } from "zod";
import { OFFERED_LANGUAGES } from "@/lib/events/languages";

/**
 * The languages of the interface (not of the messages, which stay in the
 * language their theme records). Each has one catalogue in `lib/i18n/messages`.
 * Browser-safe.
 */
export const LOCALES = ["en", "fr", "es", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language named in itself, for the switcher: a reader looks for their own language's name. */
export const LOCALE_NAMES = Object.fromEntries(
  LOCALES.map((tag) => [tag, OFFERED_LANGUAGES.find((l) => l.tag === tag)!.name]),
) as Record<Locale, string>;

/** Where the choice of someone not signed in is kept; a signed-in user's choice is also stored on their account. */
export const LOCALE_COOKIE = "rapporteur-locale";

export const isLocale = (value: unknown): value is Locale =>
  typeof value === "string" && (LOCALES as readonly string[]).includes(value);

export const localeSchema = z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` });

/** The conventions dates and numbers follow in each language: English as the UN writes it (day before month, 24-hour clock). */
export const FORMAT_LOCALE: Record<Locale, string> = { en: "en-GB", fr: "fr", es: "es", ar: "ar" };

/** The best of our languages for an Accept-Language header ("fr-CH, fr;q=0.9, en;q=0.8" → fr), else English. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage } })
    .languages()
    .filter((tag) => tag !== "*" && isCanonical(tag));
  if (requested.length === 0) return DEFAULT_LOCALE;
  const best = match(requested, [...LOCALES], DEFAULT_LOCALE);
  return isLocale(best) ? best : DEFAULT_LOCALE;
}

function isCanonical(tag: string): boolean {
  try {
    Intl.getCanonicalLocales(tag);
    return true;
  } catch {
    return false;
  }
}

/** The language of a request: the signed-in user's setting, else the one chosen on this browser, else the browser's own. */
export function resolveLocale(input: {
  userLocale?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.cookie)) return input.cookie;
  return negotiateLocale(input.acceptLanguage);
}
