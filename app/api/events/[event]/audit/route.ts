import { auditLog } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { invalid } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

export const GET = route<{ event: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.audit");
  const before = new URL(request.url).searchParams.get("before");
  if (before && !/^\d+$/.test(before)) throw invalid("before: must be an audit entry id.");
  return { entries: await auditLog(event.id, { before: before ? BigInt(before) : undefined }) };
});
