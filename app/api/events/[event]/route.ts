import { currentUser, requireUser } from "@/lib/auth/session";
import { updateEvent, updateEventInput } from "@/lib/events/events";
import { milestonesOf } from "@/lib/events/milestones";
import { themesOf } from "@/lib/events/themes";
import { presentEvent } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

export const GET = route<Params>(async (_request, params) => {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Please sign in." }, { status: 401 });
  const { event, subject } = await authorizeEvent(user, params.event, "event.view");
  const themes = await themesOf(event.id);
  return {
    event: presentEvent(event, subject),
    themes: themes.map((t) => ({
      id: t.id,
      slug: t.slug,
      title: t.title,
      documentId: t.document?.id ?? null,
      locked: t.document?.locked ?? false,
    })),
    milestones: await milestonesOf(event),
  };
});

export const PATCH = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event, subject } = await authorizeEvent(user, params.event, "event.manage");
  const input = await readJson(request, updateEventInput);
  return { event: presentEvent(await updateEvent(user, event.id, input), subject) };
});
