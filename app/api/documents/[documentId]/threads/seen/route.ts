import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { markDraftCommentsSeen } from "@/lib/comments/read";
import { route } from "@/lib/http/route";

/** The comment panel has shown the draft's comments: they no longer count as new (a POST, since it changes state). */
export const POST = route<{ documentId: string }>(async (_request, params) => {
  await markDraftCommentsSeen(await requireUser(SIGN_IN_TO_COMMENT), params.documentId);
  return new Response(null, { status: 204 });
});
