import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { deleteComment, editComment, replyInput } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Edits one's own comment: `{ "body": "…" }`; the earlier text is kept and the comment shows "edited". */
export const PATCH = route<{ commentId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const comment = await editComment(actor, params.commentId, await readJson(request, replyInput));
  return { comment: presentComment(comment) };
});

/** Deletes one's own comment; a placeholder stays in a thread with replies. */
export const DELETE = route<{ commentId: string }>(async (_request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  await deleteComment(actor, params.commentId);
  return { deleted: true };
});
