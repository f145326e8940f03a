import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { rejectAmendment, rejectInput } from "@/lib/comments/amendments";
import { presentThread } from "@/lib/comments/presenters";
import { readJson, route } from "@/lib/http/route";

/** Rejects an amendment: `{ "reason": "…" }` (public); its disposition becomes "not taken up". */
export const POST = route<{ threadId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await rejectAmendment(actor, params.threadId, await readJson(request, rejectInput));
  return { amendment: presentThread(thread) };
});
