import { REPORT_PARTS, notApplicableReason, type ReportContent } from "@/lib/events/report-content";
import { markdownToSafeHtml } from "@/lib/markdown";

/** A submitted report, part by part, as the public reads it. */
export function ReportView({ content, headingLevel = 3 }: { content: ReportContent; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 4 ? "h4" : "h3";
  return (
    <div className="report" data-testid="report-view">
      {REPORT_PARTS.map((part) => {
        const reason = notApplicableReason(content, part.key);
        return (
          <section key={part.key} aria-label={part.title}>
            <Heading>
              {part.number}. {part.title}
            </Heading>
            {reason !== null ? (
              <p className="muted">Does not apply: {reason}</p>
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
                  On site: {content.participation.onSite ?? "not given"}
                  {content.participation.women !== null && `, of whom ${content.participation.women} women`}
                </li>
                <li>Online: {content.participation.online ?? "not given"}</li>
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
