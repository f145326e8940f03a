import Link from "next/link";
import type { FrozenVersionJson } from "@/lib/publishing/render";
import { annexGroups, shownSources } from "@/lib/sources/display";
import { useTranslations } from "next-intl";

/** Under a published message: the sessions it draws from, with the recommendation quoted where one was chosen. */
export function MessageSources({ value, frozen }: { value: string | undefined; frozen: FrozenVersionJson }) {
  const t = useTranslations("sources");
  const shown = shownSources(value, frozen).filter((s) => s.session);
  if (shown.length === 0) return null;
  return (
    <div className="message-sources small" data-testid="message-sources">
      <span className="muted">{t("drawnFrom")}</span>
      <ul>
        {shown.map(({ session, quote }, i) => (
          <li key={i}>
            <Link href={session!.page}>{session!.title}</Link>{" "}
            <span className="muted">({t("type", { type: session!.type })})</span>
            {quote && <q className="source-quote">{quote}</q>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** After a published theme: its sessions by type, as the forum's messages list them in an annex. */
export function SessionsAnnex({ frozen, headingLevel = 2 }: { frozen: FrozenVersionJson; headingLevel?: 2 | 3 }) {
  const t = useTranslations("sources");
  const groups = annexGroups(frozen.sessions);
  if (groups.length === 0) return null;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const Group = headingLevel === 3 ? "h4" : "h3";
  return (
    <section className="annex" aria-label={t("annexLabel")} data-testid="sessions-annex">
      <Heading>{t("annex")}</Heading>
      {groups.map((group) => (
        <div key={group.type}>
          <Group>{t("group", { type: group.type })}</Group>
          <ul>
            {group.sessions.map((s) => (
              <li key={s.id}>
                <Link href={s.page}>{s.title}</Link>
                {s.link && (
                  <>
                    {" "}
                    · <a href={s.link}>{t("sessionPage")}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
