import { requireUser } from "@/lib/auth/session";
import { invite, inviteInput, pendingInvitations } from "@/lib/events/invitations";
import { absoluteUrl } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { invitationMail } from "@/lib/mail/messages";
import { sendMail } from "@/lib/mail/send";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

export const GET = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  return { invitations: await pendingInvitations(event.id) };
});

/** Creates an invitation and mails it; the link in the answer is also shown once, to copy. */
export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const invitation = await invite(user, event.id, await readJson(request, inviteInput));
  const url = absoluteUrl(request, invitation.path);
  await sendMail(invitationMail(invitation.email, event.name, invitation.role, url, invitation.expiresAt));
  return Response.json({ invitation: { ...invitation, url } }, { status: 201 });
});
