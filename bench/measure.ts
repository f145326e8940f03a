import { readdirSync, readFileSync } from "node:fs";

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Write system calls (write, writev) a process has made so far, from /proc: one per socket write that reached the kernel. */
export function writeSyscalls(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/io`, "utf8").match(/^syscw: (\d+)$/m)?.[1] ?? 0);
}

const statFields = (pid: string) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");

/**
 * CPU seconds of the Postgres servers on the machine, or of the one whose
 * postmaster is `postmaster` (the embedded one): each postmaster's own time,
 * the time of its backends that have exited (counted into the postmaster once
 * reaped), and the time of its backends still running. Monotonic, unlike a
 * sum over the processes alive at each reading.
 */
export function postgresCpuSeconds(postmaster?: number): number {
  const processes = new Map<string, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres") processes.set(entry, statFields(entry)[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, parent] of processes) {
    if (postmaster !== undefined && Number(pid) !== postmaster && Number(parent) !== postmaster) continue;
    try {
      const fields = statFields(pid);
      ticks += Number(fields[11]) + Number(fields[12]);
      // A postmaster: add its reaped children's time.
      if (!processes.has(parent)) ticks += Number(fields[13]) + Number(fields[14]);
    } catch {
      // the process ended meanwhile; its time is in its parent's now
    }
  }
  return ticks / TICKS_PER_SECOND;
}

const statusKiB = (pid: number, field: string) =>
  Number(
    readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${field}:`))
      ?.match(/\d+/)?.[0] ?? 0,
  );

/** Peak resident memory of a process in MiB, from /proc. */
export const peakMemoryMiB = (pid: number) => statusKiB(pid, "VmHWM") / 1024;

/** Resident memory of a process now, in KiB. */
export const residentKiB = (pid: number) => statusKiB(pid, "VmRSS");

export const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));
