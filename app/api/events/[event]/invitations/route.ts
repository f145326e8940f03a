import { requireUser } from "@/lib/auth/session";
import { invite, inviteInput, pendingInvitations } from "@/lib/events/invitations";
import { absoluteUrl } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

export const GET = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  return { invitations: await pendingInvitations(event.id) };
});

/** Creates an invitation; the link in the answer is shown once, to copy. */
export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const invitation = await invite(user, event.id, await readJson(request, inviteInput));
  return Response.json({ invitation: { ...invitation, url: absoluteUrl(request, invitation.path) } }, { status: 201 });
});
