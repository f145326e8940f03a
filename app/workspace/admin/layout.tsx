import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page";

/** Every site-admin page: signed in, and a site admin, or a refusal in place of the page. */
export default async function SiteAdminLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("/workspace/admin");
  if (!user.siteAdmin) {
    return (
      <main>
        <p className="notice error">Only a site admin may open this page.</p>
      </main>
    );
  }
  return children;
}
