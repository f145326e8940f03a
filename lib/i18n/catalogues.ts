import ar from "@/lib/i18n/messages/ar.json" with { type: "json" };
import en from "@/lib/i18n/messages/en.json" with { type: "json" };
import es from "@/lib/i18n/messages/es.json" with { type: "json" };
import fr from "@/lib/i18n/messages/fr.json" with { type: "json" };
import type { Locale } from "@/lib/i18n/locales";

/** One catalogue per language; English is the source every other one translates, key for key. */
export const CATALOGUES: Record<Locale, typeof en> = { en, fr, es, ar };

export type Messages = typeof en;
