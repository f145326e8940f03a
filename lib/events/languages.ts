import { z } from "zod";

/**
 * The language a theme's messages are written in: a BCP 47 tag (the six UN
 * languages are offered; any valid tag is accepted), and the direction its
 * script runs. Browser-safe.
 */
export const OFFERED_LANGUAGES: { tag: string; name: string }[] = [
  { tag: "en", name: "English" },
  { tag: "fr", name: "Français" },
  { tag: "es", name: "Español" },
  { tag: "ar", name: "العربية" },
  { tag: "zh", name: "中文" },
  { tag: "ru", name: "Русский" },
];

const RIGHT_TO_LEFT = new Set(["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

const RIGHT_TO_LEFT_SCRIPTS = new Set(["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"]);

/** "rtl" for scripts written right to left, else "ltr"; a script subtag ("pa-Arab", "ar-Latn") decides first. */
export function directionOf(tag: string | undefined): "ltr" | "rtl" {
  const [language, ...rest] = (tag ?? "en").toLowerCase().split("-");
  const script = rest.find((part) => /^[a-z]{4}$/.test(part));
  if (script) return RIGHT_TO_LEFT_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RIGHT_TO_LEFT.has(language) ? "rtl" : "ltr";
}

/** The primary language subtag ("pt" of "pt-BR"): what tools that know only languages (Typst) are given. */
export const primaryLanguage = (tag: string | undefined) => (tag ?? "en").toLowerCase().split("-")[0];

export const languageSchema = z
  .string()
  .trim()
  .max(35)
  .transform((value, ctx) => {
    try {
      return Intl.getCanonicalLocales(value)[0];
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a language tag such as en, fr, es or ar" });
      return z.NEVER;
    }
  });
