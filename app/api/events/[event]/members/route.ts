import { requireUser } from "@/lib/auth/session";
import { membersOf } from "@/lib/events/members";
import { route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

export const GET = route<{ event: string }>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  return { members: await membersOf(event.id) };
});
