import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { CSV_COLUMNS, importSessions } from "@/lib/events/sessions";
import { readJson, route } from "@/lib/http/route";
import { authorizeEvent } from "@/lib/permissions";

type Params = { event: string };

const importInput = z.object({ csv: z.string().min(1, "The file is empty.").max(900_000) }).strict();

/**
 * Imports a programme from CSV (`{"csv": "..."}`): all rows or none. A file
 * with wrong rows gets 400 with each bad row's line and reason.
 */
export const POST = route<Params>(async (request, params) => {
  const user = await requireUser();
  const { event } = await authorizeEvent(user, params.event, "event.manage");
  const report = await importSessions(user, event, (await readJson(request, importInput)).csv);
  if (report.errors.length > 0) {
    const count = report.errors.length;
    return Response.json(
      {
        error: `${count} row${count === 1 ? " is" : "s are"} wrong; nothing was imported.`,
        errors: report.errors,
        columns: CSV_COLUMNS,
      },
      { status: 400 },
    );
  }
  return Response.json({ imported: report.imported }, { status: 201 });
});
