import { requireUser } from "@/lib/auth/session";
import { frontMatterInput, themeFrontMatter, updateFrontMatter } from "@/lib/events/front-matter";
import { SDGS } from "@/lib/events/sdgs";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string; themeId: string };

/** A theme's front matter, and the goals it may name. */
export const GET = route<Params>(async (_request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  return {
    frontMatter: await themeFrontMatter(event.id, params.themeId),
    goals: SDGS.map((name, i) => ({ number: i + 1, name })),
  };
});

/** Replaces it whole; the next version published freezes it. */
export const PUT = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  return { frontMatter: await updateFrontMatter(user, event.id, params.themeId, await readJson(request, frontMatterInput)) };
});
