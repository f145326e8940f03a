import { listUsers } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

export const GET = route(async () => ({ users: await listUsers(await requireUser()) }));
