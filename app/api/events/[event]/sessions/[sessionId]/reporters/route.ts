import { requireUser } from "@/lib/auth/session";
import { reportersInput, setReporters } from "@/lib/events/reports";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

/** Sets the members who file the session's report: `{ userIds: [...] }` (secretariat). */
export const PUT = route<{ event: string; sessionId: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const { userIds } = await readJson(request, reportersInput);
  return { reporters: await setReporters(user, event.id, params.sessionId, userIds) };
});
