import { requireUser } from "@/lib/auth/session";
import { conflict } from "@/lib/errors";
import { milestoneBySlug } from "@/lib/events/schedule";
import { milestonesOf } from "@/lib/events/milestones";
import { route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";
import { publishMilestone } from "@/lib/publishing/publish";

/** "Publish now": freezes every theme document of the event for this milestone. */
export const POST = route<{ event: string; milestone: string }>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.publish");
  const { kind, label } = milestoneBySlug(params.milestone);
  const result = await publishMilestone(event.id, kind, user);
  if (!result.published) throw conflict(`${label} is already published.`);
  return Response.json({ versions: result.versions, milestones: await milestonesOf(event) }, { status: 201 });
});
