import { requireUser } from "@/lib/auth/session";
import { draftForReader } from "@/lib/drafts/views";
import { route } from "@/lib/http/route";

/** The live draft as document JSON, for those who may read it. */
export const GET = route<{ documentId: string }>(async (_request, params) =>
  draftForReader(await requireUser(), params.documentId),
);
