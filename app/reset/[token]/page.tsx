import { ResetPasswordForm } from "@/components/account/ResetPasswordForm";

export const metadata = { title: "Reset password" };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <main id="content" tabIndex={-1} className="content-target" style={{ maxWidth: 420 }}>
      <h1>Choose a new password</h1>
      <div className="card">
        <ResetPasswordForm token={token} />
      </div>
    </main>
  );
}
