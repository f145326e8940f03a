import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { CATALOGUES } from "@/lib/i18n/catalogues";
import { LOCALE_COOKIE, resolveLocale } from "@/lib/i18n/locales";

/**
 * The language of each request (next-intl reads this file through the plugin
 * in next.config.js): the signed-in user's setting, else this browser's
 * choice, else its Accept-Language. No locale in the URL, so every link stays
 * the same in every language.
 */
export default getRequestConfig(async () => {
  const [user, jar, head] = await Promise.all([currentUser(), cookies(), headers()]);
  const locale = resolveLocale({
    userLocale: user?.locale,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: head.get("accept-language"),
  });
  // Dates are always given a zone where they are shown (the event's); UTC is only the fallback.
  return { locale, messages: CATALOGUES[locale], timeZone: "UTC" };
});
