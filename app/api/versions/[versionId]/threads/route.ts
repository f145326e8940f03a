import { currentUser, requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentThread } from "@/lib/comments/presenters";
import { versionThreads } from "@/lib/comments/read";
import { startVersionThread, versionThreadInput } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Threads and amendments on a published version: public (hidden comments left out unless the viewer reviews them). */
export const GET = route<{ versionId: string }>(async (_request, params) => {
  return versionThreads(await currentUser(), params.versionId);
});

/** Starts a thread on a message (or a part of it) of the latest published version. */
export const POST = route<{ versionId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await startVersionThread(actor, params.versionId, await readJson(request, versionThreadInput));
  return Response.json({ thread: presentThread(thread) }, { status: 201 });
});
