import { requireUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { accessRefusal, documentAccess } from "@/lib/permissions";
import { publicationNotice } from "@/lib/publishing/notice";

/** The draft's publication notice: `{ next: { label, kind, dueAt } | null, lastFrozen: { number, label, at } | null }`. */
export const GET = route<{ documentId: string }>(async (_request, params) => {
  const user = await requireUser();
  const access = await documentAccess(user, params.documentId);
  if (access.mode === "none") throw accessRefusal(access);
  return publicationNotice(params.documentId);
});
