import { changePassword, changePasswordInput } from "@/lib/accounts/accounts";
import { sessionCookieHeader } from "@/lib/auth/session-cookie";
import { requireUser } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";

/** Changes the caller's password; their other sessions end, this one carries on with a fresh cookie. */
export const POST = route(async (request) => {
  const user = await requireUser();
  const updated = await changePassword(user, await readJson(request, changePasswordInput));
  const https = request.headers.get("x-forwarded-proto") === "https";
  return Response.json(
    { changed: true, otherSessionsEnded: true },
    { headers: { "set-cookie": await sessionCookieHeader(updated, https) } },
  );
});
