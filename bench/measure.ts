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

const statFields = (pid: string | number) => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");

/**
 * CPU seconds used so far by a process and its children (the embedded
 * Postgres and its backends): the live children's own, and what exited ones
 * left in the parent's account.
 */
export function processTreeCpuSeconds(pid: number): number {
  const own = statFields(pid);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone meanwhile
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
