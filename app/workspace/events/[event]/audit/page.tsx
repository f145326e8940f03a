import Link from "next/link";
import { auditLog } from "@/lib/audit";
import { pageUser } from "@/lib/auth/page";
import { DomainError, orDomainError } from "@/lib/errors";
import { authorizeEvent } from "@/lib/permissions";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ event: string }> }) {
  const { event: slug } = await params;
  const user = await pageUser(`/workspace/events/${slug}/audit`);
  const authorized = await orDomainError(authorizeEvent(user, slug, "event.audit"));
  if (authorized instanceof DomainError) {
    return (
      <main>
        <p className="notice error">{authorized.message}</p>
      </main>
    );
  }
  const entries = await auditLog(authorized.event.id, { take: 500 });
  return (
    <main>
      <p className="small">
        <Link href={`/workspace/events/${slug}`}>← {authorized.event.name}</Link>
      </p>
      <h1>Audit log</h1>
      {entries.length === 0 ? (
        <p className="empty">Nothing recorded yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Target</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="small">{new Date(e.at).toLocaleString("en-GB", { timeZone: authorized.event.timeZone })}</td>
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
