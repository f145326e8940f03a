import { getTranslations } from "next-intl/server";
import { ChangePasswordForm, SignOutEverywhereButton } from "@/components/account/AccountForms";
import { LocaleSwitcher } from "@/components/ui/LocaleSwitcher";
import { pageUser } from "@/lib/auth/page";
import { titled } from "@/lib/i18n/server";

export const generateMetadata = titled("account");

export default async function AccountPage() {
  const user = await pageUser("/workspace/account");
  const t = await getTranslations("account");
  return (
    <main>
      <h1>{t("heading")}</h1>
      <p>
        {user.name} · {user.email}
      </p>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("languageHeading")}</h2>
        <p className="muted" id="language-help">
          {user.locale ? t("languageSaved") : t("languageBrowser")}
        </p>
        <LocaleSwitcher />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("changePassword")}</h2>
        <ChangePasswordForm />
      </section>
      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("sessions")}</h2>
        <p className="muted">{t("sessionsHelp")}</p>
        <SignOutEverywhereButton />
      </section>
    </main>
  );
}
