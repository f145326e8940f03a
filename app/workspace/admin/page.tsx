import Link from "next/link";
import { AccountActions } from "@/components/account/AccountActions";
import { ResetLinkButton } from "@/components/account/ResetLinkButton";
import { listUsers } from "@/lib/accounts/accounts";
import { pageUser } from "@/lib/auth/page";

export const metadata = { title: "Site admin" };

export default async function AdminPage() {
  // The layout has refused anyone but a site admin.
  const user = await pageUser("/workspace/admin");
  const users = await listUsers(user);
  return (
    <main>
      <h1>Site admin</h1>
      <p className="muted">
        Create events from the workspace home. Here: accounts, password resets, site-admin rights and deactivation. Mail that was
        not sent through SMTP is in the <Link href="/workspace/admin/outbox">outbox</Link>.
      </p>
      <table>
        <thead>
          <tr>
            <th>Name</th>
            <th>E-mail</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`account-${u.email}`}>
              <td>
                {u.name} {u.siteAdmin && <span className="badge">site admin</span>}{" "}
                {u.archived && <span className="badge">deactivated</span>}
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
