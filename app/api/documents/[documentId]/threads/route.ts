import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { draftThreads } from "@/lib/comments/read";
import { presentThread } from "@/lib/comments/presenters";
import { draftThreadInput, startDraftThread } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Threads beside a live draft: its own and participants' input on its versions (rapporteurs and secretariat). */
export const GET = route<{ documentId: string }>(async (_request, params) => {
  return draftThreads(await requireUser(SIGN_IN_TO_COMMENT), params.documentId);
});

/** Starts a thread on the live draft, anchored by Yjs relative positions (base64) or on a whole message. */
export const POST = route<{ documentId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await startDraftThread(actor, params.documentId, await readJson(request, draftThreadInput));
  return Response.json({ thread: presentThread(thread) }, { status: 201 });
});
