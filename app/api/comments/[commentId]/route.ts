import { currentUser } from "@/lib/auth/session";
import { deleteComment, editComment, requireActor } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Edits one's own comment; the earlier text is kept and the comment shows "edited". */
export const PATCH = route<{ commentId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await editComment(actor, params.commentId, await readBody(request));
  return { comment: { id: comment.id, body: comment.body, edited: comment.editedAt !== null } };
});

/** Deletes one's own comment; a placeholder stays in a thread with replies. */
export const DELETE = route<{ commentId: string }>(async (_request, params) => {
  const actor = requireActor(await currentUser());
  await deleteComment(actor, params.commentId);
  return { deleted: true };
});
