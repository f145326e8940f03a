import { currentUser } from "@/lib/auth/session";
import { markDraftCommentsSeen } from "@/lib/comments/read";
import { requireActor } from "@/lib/comments/threads";
import { route } from "@/lib/http/route";

/** The comment panel has shown the draft's comments: they no longer count as new (a POST, since it changes state). */
export const POST = route<{ documentId: string }>(async (_request, params) => {
  await markDraftCommentsSeen(requireActor(await currentUser()), params.documentId);
  return new Response(null, { status: 204 });
});
