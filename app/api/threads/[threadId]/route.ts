import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentThread } from "@/lib/comments/presenters";
import { resolveInput, setThreadResolved } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Resolves or reopens a thread: `{ "resolved": true | false }`. */
export const PATCH = route<{ threadId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await setThreadResolved(actor, params.threadId, await readJson(request, resolveInput));
  return { thread: presentThread(thread) };
});
