import { currentUser } from "@/lib/auth/session";
import { draftThreads } from "@/lib/comments/read";
import { requireActor, startDraftThread } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Threads beside a live draft: its own and participants' input on its versions (rapporteurs and secretariat). */
export const GET = route<{ documentId: string }>(async (_request, params) => {
  return draftThreads(requireActor(await currentUser()), params.documentId);
});

/** Starts a thread on the live draft, anchored by Yjs relative positions (base64) or on a whole message. */
export const POST = route<{ documentId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const thread = await startDraftThread(actor, params.documentId, await readBody(request));
  return Response.json({ thread: { id: thread.id, messageId: thread.messageId, quote: thread.quote } }, { status: 201 });
});
