import { requireUser } from "@/lib/auth/session";
import { archiveTheme, updateTheme, updateThemeInput } from "@/lib/events/themes";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string; themeId: string };

export const PATCH = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const theme = await updateTheme(user, event.id, params.themeId, await readJson(request, updateThemeInput));
  return { theme: { id: theme.id, slug: theme.slug, title: theme.title, language: theme.language } };
});

export const DELETE = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  await archiveTheme(user, event.id, params.themeId);
  return { archived: true };
});
