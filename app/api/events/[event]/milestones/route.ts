import { requireUser } from "@/lib/auth/session";
import { milestonesOf } from "@/lib/events/milestones";
import { route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

export const GET = route<{ event: string }>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.view");
  return { timeZone: event.timeZone, milestones: await milestonesOf(event) };
});
