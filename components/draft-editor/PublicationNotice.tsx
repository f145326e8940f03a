"use client";

import { useState } from "react";
import { callApi } from "@/components/ui/api";
import { useNow } from "@/components/ui/clock";
import { useLive } from "@/components/ui/live";

interface Props {
  /** The draft whose page this is: a publication while it is open reloads the notice. */
  documentId: string;
  timeZone: string;
  next: { label: string; dueAt: string } | null;
  lastFrozen: { number: number; label: string; at: string } | null;
}

const clock = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
const day = (iso: string, timeZone: string) =>
  new Date(iso).toLocaleDateString("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short" });

function remaining(ms: number): string {
  if (ms <= 0) return "any moment now";
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `in ${hours} h ${minutes % 60} min` : `in ${Math.floor(hours / 24)} days`;
}

/** Where the draft stands in the schedule: the last frozen version and a countdown to the next. */
export function PublicationNotice({ documentId, timeZone, ...initial }: Props) {
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
          v{lastFrozen.number} ({lastFrozen.label}) frozen at {clock(lastFrozen.at, timeZone)}, {day(lastFrozen.at, timeZone)}
          .{" "}
        </span>
      )}
      {next && now !== null && (
        <span>
          {next.label} will be frozen {remaining(new Date(next.dueAt).getTime() - now)} ({clock(next.dueAt, timeZone)},{" "}
          {day(next.dueAt, timeZone)}, {timeZone}); keep editing until then.
        </span>
      )}
    </p>
  );
}
