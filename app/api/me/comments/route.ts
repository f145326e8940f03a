import { requireUser, SIGN_IN_TO_COMMENT } from "@/lib/auth/session";
import { myComments } from "@/lib/comments/read";
import { route } from "@/lib/http/route";

/** The signed-in user's comments on published versions, with their dispositions. */
export const GET = route(async () => {
  return { comments: await myComments(await requireUser(SIGN_IN_TO_COMMENT)) };
});
