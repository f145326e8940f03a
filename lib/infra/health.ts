import { db } from "@/lib/db";

/** Whether the database answers (the app's /api/health). */
export async function databaseReachable(): Promise<boolean> {
  try {
    await db().$queryRaw`select 1`;
    return true;
  } catch {
    return false;
  }
}
