import { deactivateAccount } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

/** A site admin deactivates an account (its sessions and sockets end; its words stay). */
export const POST = route<{ userId: string }>(async (_request, params) => {
  await deactivateAccount(await requireUser(), params.userId);
  return { deactivated: true };
});
