import ar from "@/lib/i18n/messages/ar.json";
import en from "@/lib/i18n/messages/en.json";
import es from "@/lib/i18n/messages/es.json";
import fr from "@/lib/i18n/messages/fr.json";
import type { Locale } from "@/lib/i18n/locales";

/** One catalogue per language; English is the source every other one translates, key for key. */
export const CATALOGUES: Record<Locale, typeof en> = { en, fr, es, ar };

export type Messages = typeof en;
