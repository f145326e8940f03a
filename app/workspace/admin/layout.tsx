import type { ReactNode } from "react";
import { pageUser } from "@/lib/auth/page";
import { forbidden } from "next/navigation";

/** Every site-admin page: signed in, and a site admin, or a refusal in place of the page. */
export default async function SiteAdminLayout({ children }: { children: ReactNode }) {
  const user = await pageUser("/workspace/admin");
  if (!user.siteAdmin) forbidden();
  return children;
}
