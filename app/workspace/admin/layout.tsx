import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page";
import { refusePage } from "@/lib/auth/refusal";

/** Every site-admin page: signed in, and a site admin, or a refusal in place of the page. */
export default async function SiteAdminLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("/workspace/admin");
  if (!user.siteAdmin) refusePage();
  return children;
}
