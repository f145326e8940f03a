import { cookies } from "next/headers";
import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { saveLocale } from "@/lib/accounts/accounts";
import { readJson, route } from "@/lib/http/route";
import { LOCALE_COOKIE, localeSchema } from "@/lib/i18n/locales";

const body = z.object({ locale: localeSchema }).strict();

/**
 * Switches the interface language: kept on this browser (a cookie, for a
 * year) and, when someone is signed in, on their account so that it follows
 * them to every device.
 */
export const PUT = route(async (request) => {
  const { locale } = await readJson(request, body);
  const user = await currentUser();
  if (user) await saveLocale(user.id, locale);
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
    secure: request.headers.get("x-forwarded-proto") === "https",
  });
  return { locale, saved: user ? "account" : "browser" };
});
