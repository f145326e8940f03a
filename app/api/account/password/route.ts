import { changePassword, changePasswordInput } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { readJson, route } from "@/lib/http/route";

export const POST = route(async (request) => {
  const user = await requireUser();
  await changePassword(user, await readJson(request, changePasswordInput));
  return { changed: true };
});
