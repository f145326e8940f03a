import { currentUser } from "@/lib/auth/session";
import { presentComment } from "@/lib/comments/presenters";
import { replyInput, replyToThread, requireActor } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Replies in a thread: `{ "body": "…" }`. */
export const POST = route<{ threadId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await replyToThread(actor, params.threadId, await readJson(request, replyInput));
  return Response.json({ comment: presentComment(comment) }, { status: 201 });
});
