import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { directionOf } from "@/lib/events/languages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("brand"), template: `%s · ${t("brand")}` }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so that Next can put this response's CSP nonce (proxy.ts) on its scripts.
  await headers();
  const locale = await getLocale();
  const t = await getTranslations("common");
  // The interface's language and direction; message text sets its own (its theme's language) where it is shown.
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        <NextIntlClientProvider>
          <a className="skip-link" href="#content">
            {t("skip")}
          </a>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
