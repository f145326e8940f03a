import { currentUser } from "@/lib/auth/session";
import { replyToThread, requireActor } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Replies in a thread. */
export const POST = route<{ threadId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const comment = await replyToThread(actor, params.threadId, await readBody(request));
  return Response.json({ comment: { id: comment.id } }, { status: 201 });
});
