import { requireUser } from "@/lib/auth/session";
import { presentSession } from "@/lib/events/session-view";
import { createSession, programme, sessionInput } from "@/lib/events/sessions";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

/** The event's programme, for its members. */
export const GET = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.view");
  return { sessions: (await programme(event.id, { zone: event.timeZone })).map((s) => presentSession(s, event.timeZone)) };
});

/** Adds a session (secretariat): times are wall-clock times in the event's zone, like 2019-11-26T09:30. */
export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const session = await createSession(user, event, await readJson(request, sessionInput));
  return Response.json({ session: presentSession(session, event.timeZone) }, { status: 201 });
});
