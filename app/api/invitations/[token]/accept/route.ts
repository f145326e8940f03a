import { requireUser } from "@/lib/auth/session";
import { acceptInvitation } from "@/lib/events/invitations";
import { route } from "@/lib/http/route";

/** An existing account accepts while signed in as the invited address. */
export const POST = route<{ token: string }>(async (_request, params) => {
  const user = await requireUser();
  return acceptInvitation(user, params.token);
});
