import { requireUser } from "@/lib/auth/session";
import { removeMembership, updateMembership, updateMembershipInput } from "@/lib/events/members";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string; userId: string };

export const PATCH = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  await updateMembership(user, event.id, params.userId, await readJson(request, updateMembershipInput));
  return { updated: true };
});

export const DELETE = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  await removeMembership(user, event.id, params.userId);
  return { removed: true };
});
