import { currentUser } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { hideInput, requireActor, setCommentHidden } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Hides or shows again a comment (the secretariat): `{ "hidden": true | false }`. Logged in the audit log. */
export const PUT = route<{ commentId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await setCommentHidden(actor, params.commentId, await readJson(request, hideInput));
  return { comment: presentComment(comment) };
});
