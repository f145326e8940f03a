import { issuePasswordReset } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { absoluteUrl } from "@/lib/http/presenters";
import { route } from "@/lib/http/route";
import { passwordResetMail } from "@/lib/mail/messages";
import { sendMail } from "@/lib/mail/send";

/** A site admin issues a password-reset link for someone; the link is shown to copy. */
export const POST = route<{ userId: string }>(async (request, params) => {
  const reset = await issuePasswordReset(await requireUser(), params.userId);
  const url = absoluteUrl(request, reset.path);
  await sendMail(passwordResetMail(reset.email, url, reset.expiresAt));
  return Response.json({ reset: { ...reset, url } }, { status: 201 });
});
