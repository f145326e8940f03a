import { NotAvailable } from "@/components/NotAvailable";
import Link from "next/link";
import { pageUser } from "@/lib/auth/page";
import { dispositionReport } from "@/lib/comments/dispositions";
import { DomainError, orDomainError } from "@/lib/errors";
import { getWhen, titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("dispositions");

/** Every comment on a published version and what became of it, per event or theme. */
export default async function DispositionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ event: string }>;
  searchParams: Promise<{ theme?: string }>;
}) {
  const { event: slug } = await params;
  const { theme } = await searchParams;
  const user = await pageUser(`/workspace/events/${slug}/dispositions`);
  const report = await orDomainError(dispositionReport(user, slug, theme || undefined));
  if (report instanceof DomainError) return <NotAvailable error={report} />;
  const base = `/workspace/events/${slug}/dispositions`;
  const [t, when] = await Promise.all([getTranslations("dispositions"), getWhen()]);
  const csv = `/api/events/${slug}/dispositions?format=csv${report.theme ? `&theme=${report.theme.slug}` : ""}`;
  return (
    <main className="wide">
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {report.event.name}</Link>
      </p>
      <h1>{report.theme ? t("headingTheme", { theme: report.theme.title }) : t("heading")}</h1>
      <nav className="row small" aria-label={t("themes")}>
        {report.theme ? <Link href={base}>{t("allThemes")}</Link> : <strong>{t("allThemes")}</strong>}
        {report.themes.map((t) =>
          t.slug === report.theme?.slug ? (
            <strong key={t.slug}>{t.title}</strong>
          ) : (
            <Link key={t.slug} href={`${base}?theme=${t.slug}`}>
              {t.title}
            </Link>
          ),
        )}
        <a href={csv} download>
          {t("csv")}
        </a>
      </nav>
      {report.rows.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <table data-testid="report-table">
          <thead>
            <tr>
              {!report.theme && <th>{t("theme")}</th>}
              <th>{t("version")}</th>
              <th>{t("message")}</th>
              <th>{t("quoted")}</th>
              <th>{t("comment")}</th>
              <th>{t("authorDate")}</th>
              <th>{t("disposition")}</th>
              <th>{t("publicReply")}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.threadId}>
                {!report.theme && <td>{r.themeTitle}</td>}
                <td>{t("versionNumber", { number: r.versionNumber })}</td>
                <td>{r.messageNumber ?? "—"}</td>
                <td className="small">{t("quote", { quote: r.quote })}</td>
                <td>
                  {r.kindCode !== "COMMENT" && (
                    <div className="small" data-testid="report-amendment">
                      <span className="badge">{t("kind", { kind: r.kindCode })}</span>{" "}
                      {t("proposed", { text: r.proposedText ?? "" })}
                      {r.appliedText && <div className="success">{t("applied", { text: r.appliedText })}</div>}
                    </div>
                  )}
                  {r.comment || <span className="muted">{t("deleted")}</span>}
                  {r.replies > 0 && <span className="small muted"> · {t("more", { count: r.replies })}</span>}
                  {r.hidden && <span className="badge warning">{t("hidden")}</span>}
                </td>
                <td className="small">
                  {r.author}
                  <br />
                  {when(r.createdAt, report.event.timeZone)}
                </td>
                <td>
                  <span className={`badge disposition-${r.disposition.toLowerCase()}`}>
                    {t("label", { disposition: r.disposition })}
                  </span>
                  {r.resolved && <span className="small muted"> · {t("resolved")}</span>}
                </td>
                <td className="small">{r.reply}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
