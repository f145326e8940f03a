import type { Event } from "@/lib/generated/prisma/client";
import { configuredOrigins } from "@/lib/http/origin";
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
  return new URL(path, appOrigin(request)).toString();
}

/**
 * The origin links in mail and on screen point to: NEXTAUTH_URL's (or the
 * first of APP_ORIGINS) when configured, so that a forged Host header cannot
 * send someone's link elsewhere; otherwise the request's own.
 */
export function appOrigin(request: Request): string {
  return configuredOrigins()[0] ?? new URL(request.url).origin;
}

/** The client's address, as scripts/serve-app.ts established it from the socket (and TRUST_PROXY). */
export function clientOf(request: Request): string {
  return request.headers.get("x-forwarded-for") ?? "unknown";
}
