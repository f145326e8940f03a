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

/** "rtl" for scripts written right to left, else "ltr". */
export function directionOf(tag: string | undefined): "ltr" | "rtl" {
  const language = (tag ?? "en").toLowerCase().split("-")[0];
  return RIGHT_TO_LEFT.has(language) ? "rtl" : "ltr";
}

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
