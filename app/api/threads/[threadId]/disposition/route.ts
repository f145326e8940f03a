import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { presentThread } from "@/lib/comments/presenters";
import { dispositionInput, setDisposition } from "@/lib/comments/threads";
import { readJson, route } from "@/lib/http/route";

/** Sets a version thread's disposition and optional public reply (the theme's rapporteurs, the secretariat). */
export const PUT = route<{ threadId: string }>(async (request, params) => {
  const actor = await requireUser(SIGN_IN_TO_COMMENT);
  const thread = await setDisposition(actor, params.threadId, await readJson(request, dispositionInput));
  return { thread: presentThread(thread) };
});
