import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { applyInput, recordApplied } from "@/lib/comments/amendments";
import { presentThread } from "@/lib/comments/presenters";
import { readJson, route } from "@/lib/http/route";

/**
 * Records that an amendment was applied to the live draft (the editor made the
 * edit): `{ "text": what was applied, "messageId"?: the new message's id }`.
 * The disposition becomes "incorporated", or "partly incorporated" when the text differs from the proposal.
 */
export const POST = route<{ threadId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await recordApplied(actor, params.threadId, await readJson(request, applyInput));
  return { amendment: presentThread(thread) };
});
