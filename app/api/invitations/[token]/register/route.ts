import { registerInput, registerWithInvitation } from "@/lib/events/invitations";
import { readJson, route } from "@/lib/http/route";

/** A new person accepts by choosing a name and password: body { name, password }. */
export const POST = route<{ token: string }>(async (request, params) => {
  const result = await registerWithInvitation(params.token, await readJson(request, registerInput));
  return Response.json(result, { status: 201 });
});
