/** What the draft's page and routes read (files under app/ never query the database themselves). */
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/errors";
import { documentAccess } from "@/lib/permissions";
import { loadDraftJson } from "./store";

/** A document with its theme and event. */
export function documentWithEvent(documentId: string) {
  return db().document.findUniqueOrThrow({
    where: { id: documentId },
    include: { theme: { include: { event: true } } },
  });
}

/** The live draft as document JSON, for a user who may read it (403 otherwise). */
export async function draftForReader(user: CurrentUser, documentId: string) {
  const access = await documentAccess(user, documentId);
  if (access.mode === "none") throw forbidden(access.reason);
  const document = await db().document.findUniqueOrThrow({ where: { id: documentId } });
  return {
    document: { id: document.id, title: document.title, locked: document.locked, access: access.mode },
    content: await loadDraftJson(document.id),
  };
}
