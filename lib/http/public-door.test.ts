/**
 * The public API's door (publicRoute): every answer carries CORS, and a query
 * string that does not fit a route's schema gets 400 with a code and the
 * field at fault, on the real handlers and a real database.
 */
import { describe, expect, it } from "vitest";
import * as sessions from "@/app/api/public/events/[event]/sessions/route";
import * as session from "@/app/api/public/events/[event]/sessions/[sessionId]/route";
import * as sets from "@/app/api/public/events/[event]/sets/route";
import * as set from "@/app/api/public/events/[event]/sets/[milestone]/route";
import * as setBooklet from "@/app/api/public/events/[event]/sets/[milestone]/booklet/route";
import * as participation from "@/app/api/public/events/[event]/participation/route";
import * as versions from "@/app/api/public/events/[event]/versions/route";
import * as version from "@/app/api/public/versions/[id]/route";
import * as versionBooklet from "@/app/api/public/versions/[id]/booklet/route";
import { db } from "@/lib/db";
import { publishMilestone } from "@/lib/publishing/publish";
import { addMember, makeEvent, makeUser } from "@/lib/testing/factories";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: unknown, path: string, params: Record<string, string>) =>
  (handler as Handler)(new Request(`http://localhost${path}`), { params: Promise.resolve(params) });

async function published() {
  const event = await makeEvent(db());
  const secretariat = await makeUser(db());
  await addMember(db(), secretariat.id, event.id, "SECRETARIAT");
  const day3 = await publishMilestone(event.id, "DAY3", secretariat, new Date());
  return { slug: event.slug, versionId: day3.versions[0].versionId };
}

async function expectRefused(response: Response, status: number, code: string, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  const body = await response.json();
  expect(body.code).toBe(code);
  expect(typeof body.error).toBe("string");
  if (field) expect(body.issues.map((i: { path: string }) => i.path)).toContain(field);
}

describe("the public API's door", () => {
  it("answers a query string that does not fit with 400, a code and the field, and CORS, on each route that takes one", async () => {
    const { slug, versionId } = await published();
    const bad: [unknown, string, Record<string, string>, string][] = [
      [sessions.GET, `/api/public/events/${slug}/sessions?day=tomorrow`, { event: slug }, "day"],
      [sessions.GET, `/api/public/events/${slug}/sessions?perPage=100000`, { event: slug }, "perPage"],
      [
        set.GET,
        `/api/public/events/${slug}/sets/day3?download=${"y".repeat(11)}`,
        { event: slug, milestone: "day3" },
        "download",
      ],
      [setBooklet.GET, `/api/public/events/${slug}/sets/day3/booklet?format=odt`, { event: slug, milestone: "day3" }, "format"],
      [version.GET, `/api/public/versions/${versionId}?format=pdf`, { id: versionId }, "format"],
      [versionBooklet.GET, `/api/public/versions/${versionId}/booklet?format=txt`, { id: versionId }, "format"],
    ];
    for (const [handler, path, params, field] of bad)
      await expectRefused(await call(handler, path, params), 400, "invalid", field);
    // The same routes with a fitting query answer, with CORS too.
    const good = await call(sessions.GET, `/api/public/events/${slug}/sessions?day=2019-11-26`, { event: slug });
    expect(good.status).toBe(200);
    expect(good.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("answers what is not there with 404 and a code, and CORS, on every public route", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const notThere: [unknown, string, Record<string, string>][] = [
      [sessions.GET, "/api/public/events/nowhere/sessions", { event: "nowhere" }],
      [session.GET, `/api/public/events/nowhere/sessions/${missing}`, { event: "nowhere", sessionId: missing }],
      [sets.GET, "/api/public/events/nowhere/sets", { event: "nowhere" }],
      [set.GET, "/api/public/events/nowhere/sets/day3", { event: "nowhere", milestone: "day3" }],
      [setBooklet.GET, "/api/public/events/nowhere/sets/day3/booklet", { event: "nowhere", milestone: "day3" }],
      [participation.GET, "/api/public/events/nowhere/participation", { event: "nowhere" }],
      [versions.GET, "/api/public/events/nowhere/versions", { event: "nowhere" }],
      [version.GET, `/api/public/versions/${missing}`, { id: missing }],
      [versionBooklet.GET, `/api/public/versions/${missing}/booklet`, { id: missing }],
    ];
    for (const [handler, path, params] of notThere) await expectRefused(await call(handler, path, params), 404, "not_found");
  });
});
