import { createTranslator } from "use-intl/core";
import type { SessionType } from "@/lib/generated/prisma/enums";
import { CATALOGUES } from "./catalogues";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/** The catalogue for a publication's language (BCP 47, "fr-CA"): its own when the app has it, else English. */
export function publicationLocale(language: string): Locale {
  const primary = language.split("-")[0].toLowerCase();
  return isLocale(primary) ? primary : DEFAULT_LOCALE;
}

/**
 * The one source of words for published artefacts (booklets, exports, the
 * annex): the catalogues (lib/i18n/messages), in the publication's language,
 * never literals in a template.
 */
export function publicationWords(language: string) {
  const locale = publicationLocale(language);
  const messages = CATALOGUES[locale];
  const booklet = createTranslator({ locale, messages, namespace: "booklet" });
  const sources = createTranslator({ locale, messages, namespace: "sources" });
  return {
    locale,
    booklet,
    /** "Workshop", "Atelier", … */
    sessionType: (type: SessionType) => sources("type", { type }),
    /** The annex's heading for a group of sessions: "Workshops", "Ateliers", … */
    sessionGroup: (type: SessionType) => sources("group", { type }),
  };
}

export type PublicationWords = ReturnType<typeof publicationWords>;

/** The English words: labels in the API, the programme's import and the coverage CSV. */
export const englishWords = publicationWords(DEFAULT_LOCALE);
