import { requireUser } from "@/lib/auth/session";
import { remindInput, remindReporters } from "@/lib/events/reports";
import { appOrigin } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

/** Mails the reporters of sessions whose report is still missing: `{ sessionIds: [...] }` (secretariat). */
export const POST = route<{ event: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const { sessionIds } = await readJson(request, remindInput);
  return remindReporters(user, event, sessionIds, appOrigin(request));
});
