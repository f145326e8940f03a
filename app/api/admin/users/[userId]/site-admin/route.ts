import { revokeSiteAdmin } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

/** A site admin revokes someone else's site-admin rights. */
export const DELETE = route<{ userId: string }>(async (_request, params) => {
  await revokeSiteAdmin(await requireUser(), params.userId);
  return { siteAdmin: false };
});
