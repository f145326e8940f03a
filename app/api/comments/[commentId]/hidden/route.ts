import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { hideInput, setCommentHidden } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Hides or shows again a comment (the secretariat): `{ "hidden": true | false }`. Logged in the audit log. */
export const PUT = route<{ commentId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const comment = await setCommentHidden(actor, params.commentId, await readJson(request, hideInput));
  return { comment: presentComment(comment) };
});
