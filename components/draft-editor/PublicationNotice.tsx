"use client";

import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { useNow } from "@/components/ui/clock";
import { useLive } from "@/components/ui/live";
import { useWhen } from "@/components/ui/When";
import { useTranslations } from "next-intl";

interface Props {
  /** The draft whose page this is: a publication while it is open reloads the notice. */
  documentId: string;
  timeZone: string;
  next: { label: string; kind: "DAY3" | "DAY4" | "FINAL"; dueAt: string } | null;
  lastFrozen: { number: number; label: string; at: string } | null;
}

/** How long until a publication, in whole minutes, hours and minutes, or days. */
function remaining(ms: number) {
  const minutes = Math.ceil(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (ms <= 0) return { unit: "now", a: 0, b: 0 } as const;
  if (minutes < 60) return { unit: "minutes", a: minutes, b: 0 } as const;
  return hours < 48
    ? ({ unit: "hours", a: hours, b: minutes % 60 } as const)
    : ({ unit: "days", a: Math.floor(hours / 24), b: 0 } as const);
}

/** Where the draft stands in the schedule: the last frozen version and a countdown to the next. */
export function PublicationNotice({ documentId, timeZone, ...initial }: Props) {
  const t = useTranslations("publicationNotice");
  const when = useWhen();
  const now = useNow(30_000);
  const [{ next, lastFrozen }, setNotice] = useState({ next: initial.next, lastFrozen: initial.lastFrozen });
  // A milestone published while the page is open: ask where the draft stands now (the rest of the page stays).
  useLive(`/api/live?document=${documentId}`, (signal) => {
    if (signal === "comments") return;
    callApi<Pick<Props, "next" | "lastFrozen">>("GET", `/api/documents/${documentId}/publication`).then(setNotice, () => {});
  });
  if (!next && !lastFrozen) return null;
  return (
    <p className="small muted" data-testid="publication-notice">
      {lastFrozen && (
        <span>
          {t("frozen", {
            number: lastFrozen.number,
            label: lastFrozen.label,
            time: when(lastFrozen.at, timeZone, "time"),
            day: when(lastFrozen.at, timeZone, "shortDay"),
          })}{" "}
        </span>
      )}
      {next && now !== null && (
        <span>
          {t("next", {
            label: t("version", { kind: next.kind }),
            in: t("remaining", remaining(new Date(next.dueAt).getTime() - now)),
            time: when(next.dueAt, timeZone, "time"),
            day: when(next.dueAt, timeZone, "shortDay"),
            zone: timeZone,
          })}
        </span>
      )}
    </p>
  );
}
