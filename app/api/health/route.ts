import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for `npm start` and monitoring. */
export async function GET() {
  try {
    await db().$queryRaw`select 1`;
    return Response.json({ service: "rapporteur", ok: true });
  } catch {
    return Response.json({ service: "rapporteur", ok: false, error: "The database is not reachable." }, { status: 503 });
  }
}
