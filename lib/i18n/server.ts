import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { formatWhen, type WhenStyle } from "@/lib/i18n/dates";
import type { Messages } from "@/lib/i18n/catalogues";

/** A page's `generateMetadata` that only names it: its title from the "titles" catalogue section. */
export const titled = (key: keyof Messages["titles"]) => async (): Promise<Metadata> => ({
  title: (await getTranslations("titles"))(key),
});

/** `useWhen` for async server components: instants in the request's language and a given time zone. */
export async function getWhen() {
  const locale = await getLocale();
  return (at: string | Date, zone: string, style: WhenStyle = "medium") => formatWhen(locale, at, zone, style);
}
