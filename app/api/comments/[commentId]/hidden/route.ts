import { currentUser } from "@/lib/auth/session";
import { requireActor, setCommentHidden } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Hides or shows again a comment (the secretariat): `{ "hidden": true | false }`. Logged in the audit log. */
export const PUT = route<{ commentId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await setCommentHidden(actor, params.commentId, await readBody(request));
  return { comment: { id: comment.id, hidden: comment.hiddenAt !== null } };
});
