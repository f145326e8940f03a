"use client";

import { useEffect, useRef, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import { useTranslations } from "next-intl";

interface Person {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** Who is in the document now, from presence (names and colours set by the server). */
export function PresenceList({ provider, selfName }: { provider: WebsocketProvider; selfName: string }) {
  const t = useTranslations("presence");
  const [people, setPeople] = useState<Person[]>([]);
  // Who joined or left, for screen readers (a polite live region; caret moves are never announced).
  const [announcement, setAnnouncement] = useState("");
  const known = useRef<Map<number, string> | null>(null);
  useEffect(() => {
    const awareness = provider.awareness;
    const update = () => {
      const list: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        const user = state.user as { name?: string; color?: string } | undefined;
        if (!user?.name) return;
        const self = clientId === awareness.clientID;
        list.push({ clientId, name: self ? selfName : user.name, color: user.color ?? "#888", self });
      });
      setPeople(list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name)));
      const others = new Map(list.filter((p) => !p.self).map((p) => [p.clientId, p.name]));
      const before = known.current;
      known.current = others;
      // The people already here when the page opened are listed, not announced.
      if (!before) return;
      const joined = [...others].filter(([id]) => !before.has(id)).map(([, name]) => name);
      const left = [...before].filter(([id]) => !others.has(id)).map(([, name]) => name);
      const parts = [...joined.map((name) => t("joined", { name })), ...left.map((name) => t("left", { name }))];
      if (parts.length > 0) setAnnouncement(parts.join(" "));
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider, selfName, t]);
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="presence-announcement">
        {announcement}
      </p>
      <ul className="presence" data-testid="presence-list" aria-label={t("label")}>
        {people.map((p) => (
          <li key={p.clientId}>
            <span className="dot" style={{ background: p.color }} aria-hidden="true" /> {p.name}
            {p.self ? ` ${t("you")}` : ""}
          </li>
        ))}
      </ul>
    </>
  );
}
