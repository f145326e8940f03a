import { databaseReachable } from "@/lib/infra/health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for `npm start` and monitoring. */
export const GET = route(async () =>
  (await databaseReachable())
    ? Response.json({ service: "rapporteur", ok: true })
    : Response.json({ service: "rapporteur", ok: false, error: "The database is not reachable." }, { status: 503 }),
);
