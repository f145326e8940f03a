import { issuePasswordReset } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { absoluteUrl } from "@/lib/http/presenters";
import { route } from "@/lib/http/route";

/** A site admin issues a password-reset link for someone; the link is shown to copy. */
export const POST = route<{ userId: string }>(async (request, params) => {
  const reset = await issuePasswordReset(await requireUser(), params.userId);
  return Response.json({ reset: { ...reset, url: absoluteUrl(request, reset.path) } }, { status: 201 });
});
