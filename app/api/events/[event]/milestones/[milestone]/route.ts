import { requireUser } from "@/lib/auth/session";
import { setMilestone, setMilestoneInput } from "@/lib/events/milestones";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

/** Reschedules a milestone: body { "local": "2019-11-28T08:00" } in the event's time zone. */
export const PUT = route<{ event: string; milestone: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const input = await readJson(request, setMilestoneInput);
  return { timeZone: event.timeZone, milestones: await setMilestone(user, event, params.milestone, input) };
});
