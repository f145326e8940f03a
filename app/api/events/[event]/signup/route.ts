import { signUpParticipant, signupInput } from "@/lib/accounts/verification";
import { currentUser } from "@/lib/auth/session";
import { joinAsParticipant } from "@/lib/events/signup";
import { appOrigin, clientOf } from "@/lib/http/presenters";
import { readJson, route } from "@/lib/http/route";

/**
 * Joining for a signed-in user (201), or self sign-up as participant (202: a
 * link to confirm the address is mailed; the answer is the same whether or not
 * the address has an account).
 */
export const POST = route<{ event: string }>(async (request, params) => {
  const user = await currentUser();
  if (user) return Response.json(await joinAsParticipant(user, params.event), { status: 201 });
  const input = await readJson(request, signupInput);
  const answer = await signUpParticipant(params.event, input, { client: clientOf(request), origin: appOrigin(request) });
  return Response.json(answer, { status: 202 });
});
