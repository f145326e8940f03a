import { currentUser, requireUser } from "@/lib/auth/session";
import { updateEvent, updateEventInput } from "@/lib/events/events";
import { milestonesOf } from "@/lib/events/milestones";
import { themesOf } from "@/lib/events/themes";
import { presentEvent } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";
import { concerns, unreadCounts } from "@/lib/comments/seen";
import { allows, authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

export const GET = route<Params>(async (_request, params) => {
  const user = await currentUser();
  if (!user) return Response.json({ error: "Please sign in.", code: "unauthenticated" }, { status: 401 });
  const { event, subject } = await authorizeEvent(user, params.event, "event.view");
  const themes = await themesOf(event.id);
  // New comments since the user last opened each theme, for those who review comments.
  const unread = allows("comments.review", subject, event) ? await unreadCounts(user.id, event.id) : null;
  return {
    event: presentEvent(event, subject),
    themes: themes.map((t) => ({
      id: t.id,
      slug: t.slug,
      title: t.title,
      documentId: t.document?.id ?? null,
      locked: t.document?.locked ?? false,
      ...(unread && concerns(subject, t.id) ? { newComments: unread.get(t.id) ?? 0 } : {}),
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
