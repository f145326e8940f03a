import { currentUser } from "@/lib/auth/session";
import { requireActor, setThreadResolved } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Resolves or reopens a thread: `{ "resolved": true | false }`. */
export const PATCH = route<{ threadId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const thread = await setThreadResolved(actor, params.threadId, await readBody(request));
  return { thread: { id: thread.id, resolved: thread.resolved } };
});
