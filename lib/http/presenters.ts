import type { Event } from "@/lib/generated/prisma/client";
import type { Subject } from "@/lib/permissions";

/** The JSON shape of an event in the API. */
export function presentEvent(event: Event, subject?: Pick<Subject, "role" | "siteAdmin">) {
  return {
    id: event.id,
    slug: event.slug,
    name: event.name,
    place: event.place,
    timeZone: event.timeZone,
    openSignup: event.openSignup,
    participantsWatchDrafts: event.participantsWatchDrafts,
    role: subject?.role ?? null,
    siteAdmin: subject?.siteAdmin ?? false,
  };
}

/** Absolute URL for a link shown to copy. */
export function absoluteUrl(request: Request, path: string): string {
  return new URL(path, request.url).toString();
}
