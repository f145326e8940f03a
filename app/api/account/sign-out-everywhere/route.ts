import { signOutEverywhere } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

export const POST = route(async () => {
  await signOutEverywhere(await requireUser());
  return { signedOut: true };
});
