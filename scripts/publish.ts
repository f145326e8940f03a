/**
 * `npm run publish-milestone -- <event-slug> <day-3|day-4|final>`: publishes a milestone
 * now, as the secretariat's "Publish now" does. Safe to run while the app runs
 * (the advisory lock makes publication exactly-once).
 */
import { disconnectDb, db } from "@/lib/db";
import { milestoneBySlug } from "@/lib/events/schedule";
import { publishMilestone } from "@/lib/publishing/publish";

async function main() {
  const [slug, milestone] = process.argv.slice(2);
  if (!slug || !milestone) throw new Error("Usage: npm run publish-milestone -- <event-slug> <day-3|day-4|final>");
  const event = await db().event.findUnique({ where: { slug } });
  if (!event) throw new Error(`There is no event "${slug}".`);
  const result = await publishMilestone(event.id, milestoneBySlug(milestone).kind, null);
  console.log(JSON.stringify(result));
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => disconnectDb());
