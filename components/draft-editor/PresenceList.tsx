"use client";

import { useEffect, useState } from "react";
import type { WebsocketProvider } from "y-websocket";

interface Person {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/** Who is in the document now, from presence (names and colours set by the server). */
export function PresenceList({ provider, selfName }: { provider: WebsocketProvider; selfName: string }) {
  const [people, setPeople] = useState<Person[]>([]);
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
    };
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [provider, selfName]);
  return (
    <ul className="presence" data-testid="presence-list" aria-label="In this document now">
      {people.map((p) => (
        <li key={p.clientId}>
          <span className="dot" style={{ background: p.color }} aria-hidden="true" /> {p.name}
          {p.self ? " (you)" : ""}
        </li>
      ))}
    </ul>
  );
}
