import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { replyInput, replyToThread } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Replies in a thread: `{ "body": "…" }`. */
export const POST = route<{ threadId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const comment = await replyToThread(actor, params.threadId, await readJson(request, replyInput));
  return Response.json({ comment: presentComment(comment) }, { status: 201 });
});
