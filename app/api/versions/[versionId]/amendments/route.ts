import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { amendmentInput, proposeAmendment } from "@/lib/comments/amendments";
import { presentThread } from "@/lib/comments/presenters";
import { readJson, route } from "@/lib/http/route";

/**
 * Proposes an amendment on a message of the latest published version:
 * `{ "messageId", "text", "reason", "newMessage"?: true }` (new wording, or a new message after it).
 */
export const POST = route<{ versionId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await proposeAmendment(actor, params.versionId, await readJson(request, amendmentInput));
  return Response.json({ amendment: presentThread(thread) }, { status: 201 });
});
