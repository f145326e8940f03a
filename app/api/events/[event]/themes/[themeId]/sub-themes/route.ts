import { requireUser } from "@/lib/auth/session";
import { setSubThemes, subThemesInput } from "@/lib/events/sessions";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string; themeId: string };

/** Sets a theme's sub-themes, in order: `[{"name": "Human rights", "facilitator": "…"}]`. */
export const PUT = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const subThemes = await setSubThemes(user, event.id, params.themeId, await readJson(request, subThemesInput));
  return { subThemes: subThemes.map((s) => ({ id: s.id, name: s.name, facilitator: s.facilitator })) };
});
