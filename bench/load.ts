import * as Y from "yjs";
import { Deliveries, docClient, watcher, type DocClient, type Target } from "./clients";
import { percentile } from "./measure";

/**
 * The load: editors typing into one document at a fixed rate, each into a
 * paragraph of its own, while everyone else listens: viewers (stock
 * providers, read-only), idle writers (raw sockets of rapporteurs who may
 * write but do not) and watchers (raw read-only sockets). Measures, per keystroke, the time until the last
 * other receiver has it and (where the server acknowledges) until frame 100
 * covers it.
 */
export interface LoadOptions {
  target: Target;
  /** One credential per client: a session cookie for our server, empty for the others. */
  credentials: { editors: string[]; viewers: string[]; writers: string[]; watchers: string[] };
  seconds: number;
  keysPerSecond: number;
  /** Whether the server sends frame 100 (ours does). */
  expectStored: boolean;
  /** Called just before typing starts and once every keystroke is delivered (or given up on). */
  onTyping?: (phase: "start" | "end") => Promise<void>;
  /** Called before the watchers connect and once they are all greeted. */
  onWatchers?: (phase: "start" | "end") => void;
}

const until = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return check();
};

/** A paragraph of its own at the end of each editor's document, to type into. */
export function ownParagraphs(docs: Y.Doc[]): Y.XmlText[] {
  return docs.map((doc) => {
    const text = new Y.XmlText("");
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    doc.getXmlFragment("default").push([paragraph]);
    return text;
  });
}

const textOf = (client: DocClient) => client.doc.getXmlFragment("default").toString();

export async function runLoad(options: LoadOptions) {
  const deliveries = new Deliveries();
  const { credentials, target } = options;
  const editors = credentials.editors.map((c) => docClient(target, c, deliveries, true));
  const viewers = credentials.viewers.map((c) => docClient(target, c, deliveries, false));
  const docClients = [...editors, ...viewers];
  const watchers: ReturnType<typeof watcher>[] = [];
  try {
    if (!(await until(() => docClients.every((c) => c.connected() && c.synced()), 60_000))) {
      throw new Error(`only ${docClients.filter((c) => c.synced()).length} of ${docClients.length} stock clients synced`);
    }
    // The audience arrives at once, as a plenary's does when the session opens.
    options.onWatchers?.("start");
    for (const credential of credentials.writers) watchers.push(watcher(target, credential, deliveries, true));
    for (const credential of credentials.watchers) watchers.push(watcher(target, credential, deliveries));
    await until(() => watchers.every((w) => w.greetedAt !== null || w.failed !== null), 60_000);
    options.onWatchers?.("end");
    const greetings = watchers.filter((w) => w.greetedAt !== null).map((w) => w.greetedAt! - w.startedAt);
    const failed = watchers.filter((w) => w.greetedAt === null);
    if (failed.length > 0) {
      const reasons = new Map<string, number>();
      for (const w of failed) reasons.set(w.failed ?? "no answer", (reasons.get(w.failed ?? "no answer") ?? 0) + 1);
      throw new Error(`${failed.length} watchers were not greeted: ${JSON.stringify(Object.fromEntries(reasons))}`);
    }

    const texts = ownParagraphs(editors.map((editor) => editor.doc));
    await new Promise((r) => setTimeout(r, 500));

    await options.onTyping?.("start");
    // Only what typing costs: each writer's one whole state vector on connecting is not an acknowledgement.
    deliveries.acknowledgementBytes = 0;
    deliveries.rawFrames = 0;
    deliveries.rawBytes = 0;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const interval = 1000 / options.keysPerSecond;
    const timers: NodeJS.Timeout[] = [];
    editors.forEach((editor, i) => {
      timers.push(
        setTimeout(
          () => {
            timers[i] = setInterval(() => {
              if (performance.now() - started > options.seconds * 1000) return clearInterval(timers[i]);
              texts[i].insert(texts[i].length, "x");
              deliveries.type(editor.doc.clientID, Y.getState(editor.doc.store, editor.doc.clientID));
            }, interval);
          },
          (interval * i) / editors.length,
        ),
      );
    });
    await new Promise((r) => setTimeout(r, options.seconds * 1000 + interval));
    timers.forEach((t) => clearInterval(t));
    const all = deliveries.all();
    await until(() => all.every((k) => k.deliveredAt !== null && (!options.expectStored || k.storedAt !== null)), 30_000);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    await options.onTyping?.("end");

    const delivered = all.filter((k) => k.deliveredAt !== null);
    const relay = delivered.map((k) => k.deliveredAt! - k.sentAt);
    const stored = all.filter((k) => k.storedAt !== null).map((k) => k.storedAt! - k.sentAt);
    const deliveriesExpected = all.length * (deliveries.receivers - 1);
    const deliveriesMissing = all.reduce((sum, k) => sum + k.waiting, 0);
    const reference = textOf(editors[0]);
    const perRawKeystroke = (count: number) =>
      all.length === 0 || deliveries.rawSockets === 0 ? null : count / deliveries.rawSockets / all.length;
    return {
      keystrokes: all.length,
      receivers: deliveries.receivers,
      undelivered: all.length - delivered.length,
      deliveredRatio: deliveriesExpected === 0 ? 1 : 1 - deliveriesMissing / deliveriesExpected,
      converged: docClients.every((c) => textOf(c) === reference),
      unacknowledged: options.expectStored ? all.filter((k) => k.storedAt === null).length : null,
      relayP50: percentile(relay, 50),
      relayP99: percentile(relay, 99),
      storedP50: options.expectStored ? percentile(stored, 50) : null,
      storedP99: options.expectStored ? percentile(stored, 99) : null,
      greetedP99: percentile(greetings, 99),
      greetedMax: greetings.length === 0 ? null : Math.max(...greetings),
      acknowledgementBytesPerKeystroke: all.length === 0 ? 0 : deliveries.acknowledgementBytes / all.length,
      rawFramesPerKeystroke: perRawKeystroke(deliveries.rawFrames),
      rawBytesPerKeystroke: perRawKeystroke(deliveries.rawBytes),
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
      elapsedSeconds: elapsed,
      /** What each author typed, to check the stored document against. */
      authored: new Map([...deliveries.keystrokes].map(([author, list]) => [author, list.at(-1)?.clock ?? 0])),
    };
  } finally {
    for (const w of watchers) w.close();
    for (const client of docClients) client.destroy();
  }
}
