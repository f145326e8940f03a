import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

export const GET = route(async () => {
  const user = await requireUser();
  return { user: { id: user.id, email: user.email, name: user.name, siteAdmin: user.siteAdmin } };
});
