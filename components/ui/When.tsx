import { useLocale } from "next-intl";
import { formatWhen, type WhenStyle } from "@/lib/i18n/dates";

/** Formats instants in the reader's language and a given time zone (an event's), for text that is not a whole element. */
export function useWhen() {
  const locale = useLocale();
  return (at: string | Date, zone: string | undefined, style: WhenStyle = "medium") => formatWhen(locale, at, zone, style);
}

/**
 * An instant shown in the reader's language and in the given time zone (an
 * event's), machine-readable in `dateTime`. Works in server and client components alike.
 */
export function When({ iso, zone, style = "medium" }: { iso: string | Date; zone: string; style?: WhenStyle }) {
  const when = useWhen();
  const instant = typeof iso === "string" ? new Date(iso) : iso;
  return <time dateTime={instant.toISOString()}>{when(instant, zone, style)}</time>;
}
