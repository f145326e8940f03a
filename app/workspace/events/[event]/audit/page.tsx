import Link from "next/link";
import { auditLog } from "@/lib/audit";
import { NotAvailable } from "@/components/NotAvailable";
import { pageUser } from "@/lib/auth/page";
import { DomainError, orDomainError } from "@/lib/errors";
import { authorizeEvent } from "@/lib/permissions";
import { getWhen, titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("audit");

export default async function AuditPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}/audit`);
  const authorized = await orDomainError(authorizeEvent(user, slug, "event.audit"));
  if (authorized instanceof DomainError) return <NotAvailable error={authorized} />;
  const entries = await auditLog(authorized.event.id, { take: 500 });
  const [t, when] = await Promise.all([getTranslations("audit"), getWhen()]);
  return (
    <main>
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {authorized.event.name}</Link>
      </p>
      <h1>{t("heading")}</h1>
      {entries.length === 0 ? (
        <p className="empty">{t("empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("who")}</th>
              <th>{t("what")}</th>
              <th>{t("target")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="small">{when(e.at, authorized.event.timeZone)}</td>
                <td>{e.actor}</td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>{e.target}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
