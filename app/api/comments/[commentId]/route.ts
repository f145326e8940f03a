import { currentUser } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { deleteComment, editComment, replyInput, requireActor } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Edits one's own comment: `{ "body": "…" }`; the earlier text is kept and the comment shows "edited". */
export const PATCH = route<{ commentId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await editComment(actor, params.commentId, await readJson(request, replyInput));
  return { comment: presentComment(comment) };
});

/** Deletes one's own comment; a placeholder stays in a thread with replies. */
export const DELETE = route<{ commentId: string }>(async (_request, params) => {
  const actor = requireActor(await currentUser());
  await deleteComment(actor, params.commentId);
  return { deleted: true };
});
