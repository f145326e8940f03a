import { ChangePasswordForm, SignOutEverywhereButton } from "@/components/account/AccountForms";
import { pageUser } from "@/lib/auth/page";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await pageUser("/workspace/account");
  return (
    <main>
      <h1>Your account</h1>
      <p>
        {user.name} · {user.email}
      </p>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>Sessions</h2>
        <p className="muted">Lost a laptop or signed in on a shared machine? This ends every session of yours at once.</p>
        <SignOutEverywhereButton />
      </section>
    </main>
  );
}
