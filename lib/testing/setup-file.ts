import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db";
import { cloneTemplateDatabase } from "./databases";

/**
 * Each test file gets a database of its own, cloned from the migrated template,
 * and drops it afterwards.
 */
const database = await cloneTemplateDatabase();
process.env.DATABASE_URL = database.url;

afterAll(async () => {
  await disconnectDb();
  await database.drop();
});
