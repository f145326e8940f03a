import { requireUser } from "@/lib/auth/session";
import { presentSession } from "@/lib/events/session-view";
import { deleteSession, sessionInput, updateSession } from "@/lib/events/sessions";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string; sessionId: string };

/** Replaces a session's details (secretariat). */
export const PUT = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const session = await updateSession(user, event, params.sessionId, await readJson(request, sessionInput));
  return { session: presentSession(session, event.timeZone) };
});

export const DELETE = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  await deleteSession(user, event.id, params.sessionId);
  return { deleted: true };
});
