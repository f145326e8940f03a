import { publicationWords } from "@/lib/i18n/words";
import type { Booklet, BookletTheme } from "./model";

/**
 * The words a booklet prints around its content, from the catalogues: the
 * booklet's own (cover, contents, annexes, colophon) in its language, and
 * each theme's headings in the theme's language. One source for the PDF's
 * template and the Word builder.
 */
export function bookletWords(booklet: Booklet) {
  const { booklet: t } = publicationWords(booklet.lang);
  return {
    published: t("published", { date: booklet.publishedOn }),
    contents: t("contents"),
    method: t("method"),
    annexQuestions: t("annexQuestions"),
    annexSessions: t("annexSessions"),
    aboutDocument: t("aboutDocument"),
    reproduces: t("reproduces", { label: booklet.label, event: booklet.event.name, date: booklet.publishedOn }),
    hashOf: t("hashOf", { what: booklet.hash.of }),
    verify: t("verify", { file: booklet.hash.file, url: booklet.hash.url }),
    themes: booklet.themes.map((theme) => themeWords(theme)),
  };
}

function themeWords(theme: BookletTheme) {
  const { booklet: t } = publicationWords(theme.lang);
  return {
    aboutTheme: t("aboutTheme"),
    sdgs: t("sdgs"),
    sdgLines: (theme.frontMatter?.sdgs ?? []).map((g) => t("sdg", { number: g.number, name: g.name })),
    issues: t("issues"),
    drawnFrom: t("drawnFrom"),
    version: t("themeVersion", { theme: theme.title, label: theme.label, version: theme.version }),
  };
}

export type BookletWords = ReturnType<typeof bookletWords>;
