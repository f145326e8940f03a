/**
 * The supervisor's dead-man switch. `npm start` runs this process first, with
 * a pipe on its standard input, and tells it over that pipe which process
 * groups it started ("+PID STAGE SIGNAL") and which have exited ("-PID").
 * When the pipe closes while groups are still registered, the supervisor is
 * gone without stopping them (SIGKILL, a closed terminal, the OOM killer):
 * this process stops them, so nothing is left holding the ports or the data.
 * Stage 1 (the app, the collaboration server) stops before stage 2 (the
 * database), so whatever the servers store on the way out still reaches it.
 *
 * Plain JavaScript, so it starts in milliseconds without a compiler.
 */
import { createInterface } from "node:readline";

/** pid -> { stage, signal } */
const groups = new Map();
const STAGE_WAIT_MS = { 1: 3000, 2: 1500 };

// Ctrl-C reaches the terminal's whole foreground group; the supervisor handles it, not us.
for (const signal of ["SIGINT", "SIGHUP", "SIGTERM"]) process.on(signal, () => {});

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pid, signal) => {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
};

async function waitGone(pids, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 50));
}

async function stopEverything() {
  for (const stage of [1, 2]) {
    const pids = [...groups].filter(([, g]) => g.stage === stage).map(([pid]) => pid);
    for (const pid of pids) signalGroup(pid, groups.get(pid).signal);
    await waitGone(pids, STAGE_WAIT_MS[stage]);
  }
  for (const pid of groups.keys()) signalGroup(pid, "SIGKILL");
  process.exit(0);
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const match = /^([+-])(\d+)(?: (\d) (SIG[A-Z]+))?$/.exec(line.trim());
  if (!match) return;
  const pid = Number(match[2]);
  if (match[1] === "+") groups.set(pid, { stage: Number(match[3] ?? 1), signal: match[4] ?? "SIGTERM" });
  else groups.delete(pid);
});
lines.on("close", () => {
  if (groups.size === 0) process.exit(0);
  void stopEverything();
});
