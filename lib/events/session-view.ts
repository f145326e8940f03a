import type { Session } from "@/lib/generated/prisma/client";
import { instantToLocal } from "./schedule";
import { peopleOf, sessionTypeLabel } from "./sessions";

/** A session as the API presents it: times as wall-clock times in the event's zone too. */
export function presentSession(session: Session & { theme?: { slug: string; title: string } | null }, zone: string) {
  return {
    id: session.id,
    title: session.title,
    type: session.type,
    typeLabel: sessionTypeLabel(session.type),
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    start: instantToLocal(session.startsAt, zone),
    end: instantToLocal(session.endsAt, zone),
    room: session.room,
    theme: session.theme ? { slug: session.theme.slug, title: session.theme.title } : null,
    subThemeIds: session.subThemeIds,
    organisers: peopleOf(session.organisers),
    rapporteurs: peopleOf(session.rapporteurs),
    description: session.description,
    agenda: session.agenda,
    link: session.link,
  };
}
