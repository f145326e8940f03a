import { readFileSync } from "node:fs";
import type { Messages } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";

/** A language's catalogue as the app ships it (read from disk: the test runner's Node loads no JSON modules). */
export function catalogue(locale: Locale): Messages {
  return JSON.parse(readFileSync(new URL(`../../lib/i18n/messages/${locale}.json`, import.meta.url), "utf8")) as Messages;
}
