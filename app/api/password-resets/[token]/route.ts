import { resetPassword, resetPasswordInput } from "@/lib/accounts/accounts";
import { readJson, route } from "@/lib/http/route";

export const POST = route<{ token: string }>(async (request, params) =>
  resetPassword(params.token, await readJson(request, resetPasswordInput)),
);
