import { notFound } from "next/navigation";
import type { CurrentUser } from "@/lib/auth/session";
import { DomainError, orDomainError } from "@/lib/errors";
import { authorizeEvent, type EventAction } from "@/lib/permissions";

/**
 * For an event's workspace pages: the event and the viewer's standing if the
 * action is allowed; Next's 404 page for an event that does not exist; the
 * refusal otherwise, for the page to show with `NotAvailable`.
 */
export async function eventPage(user: CurrentUser, slug: string, action: EventAction) {
  const authorized = await orDomainError(authorizeEvent(user, slug, action));
  if (authorized instanceof DomainError && authorized.status === 404) notFound();
  return authorized;
}
