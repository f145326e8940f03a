import { requireUser } from "@/lib/auth/session";
import { bulkInviteInput, inviteMany } from "@/lib/events/invitations";
import { absoluteUrl } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { invitationMail } from "@/lib/mail/messages";
import { sendMail } from "@/lib/mail/send";
import { authorizeEvent } from "@/lib/permissions";

/** Invites every e-mail address of a CSV with one role: body { csv, role, themeIds }. */
export const POST = route<{ event: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const result = await inviteMany(user, event.id, await readJson(request, bulkInviteInput));
  const invited = result.invited.map((i) => ({ ...i, url: absoluteUrl(request, i.path) }));
  for (const i of invited) await sendMail(invitationMail(i.email, event.name, i.role, i.url, i.expiresAt));
  return Response.json({ ...result, invited }, { status: 201 });
});
