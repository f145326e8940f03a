import { currentUser } from "@/lib/auth/session";
import { requireActor, setDisposition } from "@/lib/comments/threads";
import { readBody, route } from "@/lib/http/route";

/** Sets a version thread's disposition and optional public reply (the theme's rapporteurs, the secretariat). */
export const PUT = route<{ threadId: string }>(async (request, params) => {
  const actor = requireActor(await currentUser());
  const thread = await setDisposition(actor, params.threadId, await readBody(request));
  return { thread: { id: thread.id, disposition: thread.disposition, reply: thread.dispositionReply } };
});
