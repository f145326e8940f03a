import { z } from "zod";
import { auditLog } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { readQuery, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

/** Audit entry ids are Postgres bigints. */
const MAX_ID = 2n ** 63n - 1n;
const query = z.object({
  before: z
    .string()
    .regex(/^\d{1,19}$/, "must be an audit entry id")
    .transform((value) => BigInt(value))
    .refine((value) => value <= MAX_ID, "must be an audit entry id")
    .optional(),
});

/** The event's audit log, newest first; `?before=<id>` pages back. */
export const GET = route<{ event: string }>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.audit");
  const { before } = readQuery(request, query);
  return { entries: await auditLog(event.id, { before }) };
});
