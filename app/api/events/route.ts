import { requireUser } from "@/lib/auth/session";
import { createEvent, createEventInput, eventsFor } from "@/lib/events/events";
import { presentEvent } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";

export const GET = route(async () => {
  const user = await requireUser();
  const events = await eventsFor(user);
  return { events: events.map((e) => presentEvent(e, { role: e.role, siteAdmin: user.siteAdmin })) };
});

export const POST = route(async (request) => {
  const user = await requireUser();
  const input = await readJson(request, createEventInput);
  const event = await createEvent(user, input);
  return Response.json({ event: presentEvent(event, { role: null, siteAdmin: true }) }, { status: 201 });
});
