import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { loadDraftJson } from "@/lib/drafts/store";
import { forbidden } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { documentAccess } from "@/lib/permissions";

/** The live draft as document JSON, for those who may read it. */
export const GET = route<{ documentId: string }>(async (_request, params) => {
  const user = await requireUser();
  const access = await documentAccess(user, params.documentId);
  if (access.mode === "none") throw forbidden(access.reason);
  const document = await db().document.findUniqueOrThrow({ where: { id: params.documentId } });
  return {
    document: { id: document.id, title: document.title, locked: document.locked, access: access.mode },
    content: await loadDraftJson(document.id),
  };
});
