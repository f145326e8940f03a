import Link from "next/link";
import { AccountActions } from "@/components/account/AccountActions";
import { ResetLinkButton } from "@/components/account/ResetLinkButton";
import { listUsers } from "@/lib/accounts/accounts";
import { pageUser } from "@/lib/auth/page";
import { titled } from "@/lib/i18n/server";
import { getTranslations } from "next-intl/server";

export const generateMetadata = titled("siteAdmin");

export default async function AdminPage() {
  // The layout has refused anyone but a site admin.
  const user = await pageUser("/workspace/admin");
  const users = await listUsers(user);
  const t = await getTranslations("admin");
  return (
    <main>
      <h1>{t("heading")}</h1>
      <p className="muted">{t.rich("intro", { outbox: (chunks) => <Link href="/workspace/admin/outbox">{chunks}</Link> })}</p>
      <table>
        <thead>
          <tr>
            <th>{t("name")}</th>
            <th>{t("email")}</th>
            <th>
              <span className="visually-hidden">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`account-${u.email}`}>
              <td>
                {u.name} {u.siteAdmin && <span className="badge">{t("siteAdminBadge")}</span>}{" "}
                {u.archived && <span className="badge">{t("deactivated")}</span>}
              </td>
              <td>{u.email}</td>
              <td>
                {!u.archived && (
                  <div className="stack">
                    <ResetLinkButton userId={u.id} email={u.email} />
                    {u.id !== user.id && <AccountActions userId={u.id} email={u.email} siteAdmin={u.siteAdmin} />}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
