import { requireUser } from "@/lib/auth/session";
import { sourcePanel } from "@/lib/sources/panel";
import { route } from "@/lib/http/route";

/** The Sources panel's data: the theme's sessions and their submitted reports (rapporteurs and secretariat). */
export const GET = route<{ documentId: string }>(async (_request, params) => sourcePanel(await requireUser(), params.documentId));
