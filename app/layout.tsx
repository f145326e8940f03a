import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rapporteur", template: "%s · Rapporteur" },
  description: "Co-edit, publish and answer for the messages of a multistakeholder conference.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request, so that Next can put this response's CSP nonce (proxy.ts) on its scripts.
  await headers();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to the content
        </a>
        {children}
      </body>
    </html>
  );
}
