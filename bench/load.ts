import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { FRAME, readStored } from "@/lib/collab/protocol";
import { webSocketWithCookie } from "@/server/testing";
import { percentile } from "./measure";

/**
 * The load: editors typing into one document at a fixed rate, viewers
 * watching; every client is a stock y-websocket provider applying every update
 * to its own Y.Doc. Measures, per keystroke, the time until the last other
 * client has it and (against our server) until frame 100 covers it.
 */
export interface LoadOptions {
  url: string;
  room: string;
  /** One cookie per client (editors first); empty strings for the bare relay. */
  editorCookies: string[];
  viewerCookies: string[];
  seconds: number;
  keysPerSecond: number;
  /** Whether the server sends frame 100 (ours does, the bare relay does not). */
  expectStored: boolean;
}

interface Keystroke {
  author: number;
  /** The author's clock after this keystroke: a client has it when its state for the author reaches this. */
  clock: number;
  sentAt: number;
  waiting: number;
  deliveredAt: number | null;
  storedAt: number | null;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** For each author, how many of its keystrokes this client has seen. */
  seen: Map<number, number>;
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

export async function runLoad(options: LoadOptions) {
  const keystrokes = new Map<number, Keystroke[]>();
  const storedSeen = new Map<number, number>();
  const clients: Client[] = [];

  const connect = (cookie: string): Client => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(options.url, options.room, doc, {
      WebSocketPolyfill: (cookie ? webSocketWithCookie(cookie) : WebSocket) as never,
      disableBc: true,
    });
    const client: Client = { doc, provider, seen: new Map() };
    doc.on("update", () => {
      const now = performance.now();
      for (const [author, list] of keystrokes) {
        if (author === doc.clientID) continue;
        const state = Y.getState(doc.store, author);
        let index = client.seen.get(author) ?? 0;
        while (index < list.length && list[index].clock <= state) {
          const keystroke = list[index];
          keystroke.waiting -= 1;
          if (keystroke.waiting === 0) keystroke.deliveredAt = now;
          index += 1;
        }
        client.seen.set(author, index);
      }
    });
    provider.messageHandlers[FRAME.RIGHTS] = () => {};
    provider.messageHandlers[FRAME.STORED] = (_encoder, decoder) => {
      const stored = Y.decodeStateVector(readStored(decoder));
      const mine = keystrokes.get(doc.clientID);
      if (!mine) return;
      const now = performance.now();
      let index = storedSeen.get(doc.clientID) ?? 0;
      while (index < mine.length && mine[index].clock <= (stored.get(doc.clientID) ?? 0)) mine[index++].storedAt = now;
      storedSeen.set(doc.clientID, index);
    };
    return client;
  };

  const editors = options.editorCookies.map(connect);
  const viewers = options.viewerCookies.map(connect);
  clients.push(...editors, ...viewers);
  const connected = await until(() => clients.every((c) => c.provider.wsconnected), 60_000);
  if (!connected) throw new Error("not every client could connect");
  // Against our server, wait for the initial sync; the bare relay has no server state to sync with.
  if (options.expectStored) await until(() => clients.every((c) => c.provider.synced), 60_000);

  // Each editor types into a paragraph of its own.
  const texts = editors.map((editor) => {
    const text = new Y.XmlText("");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    editor.doc.getXmlFragment("default").push([paragraph]);
    keystrokes.set(editor.doc.clientID, []);
    return text;
  });
  await new Promise((r) => setTimeout(r, 500));

  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const interval = 1000 / options.keysPerSecond;
  const timers = editors.map((editor, i) =>
    setTimeout(
      () => {
        const timer = setInterval(() => {
          if (performance.now() - started > options.seconds * 1000) return clearInterval(timer);
          texts[i].insert(texts[i].length, "x");
          const clock = Y.getState(editor.doc.store, editor.doc.clientID);
          keystrokes.get(editor.doc.clientID)!.push({
            author: editor.doc.clientID,
            clock,
            sentAt: performance.now(),
            waiting: clients.length - 1,
            deliveredAt: null,
            storedAt: null,
          });
        }, interval);
        timers[i] = timer;
      },
      (interval * i) / editors.length,
    ),
  );
  await new Promise((r) => setTimeout(r, options.seconds * 1000 + interval));
  timers.forEach((t) => clearInterval(t));
  const all = [...keystrokes.values()].flat();
  await until(() => all.every((k) => k.deliveredAt !== null && (!options.expectStored || k.storedAt !== null)), 30_000);
  const cpu = process.cpuUsage(cpuStart);
  const elapsed = (performance.now() - started) / 1000;

  const relay = all.filter((k) => k.deliveredAt !== null).map((k) => k.deliveredAt! - k.sentAt);
  const stored = all.filter((k) => k.storedAt !== null).map((k) => k.storedAt! - k.sentAt);
  const result = {
    keystrokes: all.length,
    undelivered: all.filter((k) => k.deliveredAt === null).length,
    unacknowledged: options.expectStored ? all.filter((k) => k.storedAt === null).length : null,
    relayP50: percentile(relay, 50),
    relayP99: percentile(relay, 99),
    storedP50: options.expectStored ? percentile(stored, 50) : null,
    storedP99: options.expectStored ? percentile(stored, 99) : null,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    elapsedSeconds: elapsed,
    /** What each author typed, to check the stored document against. */
    authored: new Map([...keystrokes].map(([author, list]) => [author, list.at(-1)?.clock ?? 0])),
  };
  for (const client of clients) {
    client.provider.destroy();
    client.doc.destroy();
  }
  return result;
}
