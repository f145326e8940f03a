import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/SiteHeader";
import { currentUser } from "@/lib/auth/session";

export default async function Home() {
  if (await currentUser()) redirect("/workspace");
  const t = await getTranslations("home");
  return (
    <>
      <SiteHeader home="/" />
      <main id="content" tabIndex={-1} className="content-target">
        <h1>{t("heading")}</h1>
        <p>{t("intro")}</p>
        <p>
          <Link href="/signin">{t("signIn")}</Link>
        </p>
      </main>
    </>
  );
}
