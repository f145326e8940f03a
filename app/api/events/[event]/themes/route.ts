import { requireUser } from "@/lib/auth/session";
import { createTheme, createThemeInput, themesOf } from "@/lib/events/themes";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

export const GET = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.view");
  const themes = await themesOf(event.id);
  return { themes: themes.map((t) => ({ id: t.id, slug: t.slug, title: t.title, documentId: t.document?.id ?? null })) };
});

export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const theme = await createTheme(user, event.id, await readJson(request, createThemeInput));
  return Response.json(
    { theme: { id: theme.id, slug: theme.slug, title: theme.title, documentId: theme.document?.id ?? null } },
    { status: 201 },
  );
});
