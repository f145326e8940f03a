import { currentUser, requireUser } from "@/lib/auth/session";
import { notFound } from "@/lib/errors";
import { publicReport, reportAccess, reportForWriter, saveReportDraft, submitReport } from "@/lib/events/reports";
import { readBody, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";
import { requireLiveEvent } from "@/lib/events/views";

type Params = { event: string; sessionId: string };

/**
 * A session's report. Its reporters and the secretariat get the working copy
 * too (`draft`, `unsubmittedChanges`); everyone else only the submitted report
 * and its history, or 404 while nothing is submitted.
 */
export const GET = route<Params>(async (_request, params) => {
  const event = await requireLiveEvent(params.event);
  const access = await reportAccess(await currentUser(), event.id, params.sessionId);
  if (access.canWrite) return { canWrite: true, ...(await reportForWriter(access.session.id)) };
  const published = await publicReport(access.session.id);
  if (!published) throw notFound("This session has no submitted report yet.");
  return { canWrite: false, published };
});

/** Saves the working copy (private; parts may be empty). */
export const PUT = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.view");
  return saveReportDraft(user, event.id, params.sessionId, await readBody(request));
});

/** Submits the report: every part filled in or marked "does not apply" with a reason. */
export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.view");
  const result = await submitReport(user, event.id, params.sessionId, await readBody(request));
  return Response.json(result, { status: 201 });
});
