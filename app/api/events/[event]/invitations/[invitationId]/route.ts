import { requireUser } from "@/lib/auth/session";
import { revokeInvitation } from "@/lib/events/invitations";
import { route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

export const DELETE = route<{ event: string; invitationId: string }>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  await revokeInvitation(user, event.id, params.invitationId);
  return { revoked: true };
});
