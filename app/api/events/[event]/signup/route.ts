import { currentUser } from "@/lib/auth/session";
import { joinAsParticipant, signUpParticipant, signupInput } from "@/lib/events/signup";
import { readJson, route } from "@/lib/http/route";

/** Self sign-up as participant (new account), or joining for a signed-in user. */
export const POST = route<{ event: string }>(async (request, params) => {
  const user = await currentUser();
  const result = user
    ? await joinAsParticipant(user, params.event)
    : await signUpParticipant(params.event, await readJson(request, signupInput));
  return Response.json(result, { status: 201 });
});
