import { currentUser } from "@/lib/auth/session";
import { myComments } from "@/lib/comments/read";
import { requireActor } from "@/lib/comments/threads";
import { route } from "@/lib/http/route";

/** The signed-in user's comments on published versions, with their dispositions. */
export const GET = route(async () => {
  return { comments: await myComments(requireActor(await currentUser())) };
});
