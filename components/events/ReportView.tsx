import { REPORT_PARTS, notApplicableReason, type ReportContent } from "@/lib/events/report-content";
import { markdownToSafeHtml } from "@/lib/markdown";
import { useFormatter, useTranslations } from "next-intl";

/** A submitted report, part by part, as the public reads it. */
export function ReportView({ content, headingLevel = 3 }: { content: ReportContent; headingLevel?: 3 | 4 }) {
  const t = useTranslations("report");
  const format = useFormatter();
  const figure = (n: number | null) => (n === null ? t("notGiven") : format.number(n));
  const Heading = headingLevel === 4 ? "h4" : "h3";
  return (
    <div className="report" data-testid="report-view">
      {REPORT_PARTS.map((part) => {
        const reason = notApplicableReason(content, part.key);
        return (
          <section key={part.key} aria-label={t(`parts.${part.key}.title`)}>
            <Heading>
              {part.number}. {t(`parts.${part.key}.title`)}
            </Heading>
            {reason !== null ? (
              <p className="muted">{t("doesNotApply", { reason })}</p>
            ) : part.key === "recommendations" ? (
              <ol>
                {content.recommendations.items.map((item) => (
                  <li key={item.id} id={`recommendation-${item.id}`}>
                    {item.text}
                  </li>
                ))}
              </ol>
            ) : part.key === "participation" ? (
              <ul>
                <li>
                  {content.participation.women !== null
                    ? t("onSiteWomen", {
                        onSite: figure(content.participation.onSite),
                        women: figure(content.participation.women),
                      })
                    : t("onSite", { onSite: figure(content.participation.onSite) })}
                </li>
                <li>{t("online", { online: figure(content.participation.online) })}</li>
              </ul>
            ) : part.key === "outputs" ? (
              <ul>
                {content.outputs.links.map((link, i) => (
                  <li key={i}>
                    <a href={link.url} rel="noopener noreferrer nofollow">
                      {link.label || link.url}
                    </a>
                  </li>
                ))}
              </ul>
            ) : (
              <div className="markdown" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(content[part.key].text) }} />
            )}
          </section>
        );
      })}
    </div>
  );
}
