import { readFileSync } from "node:fs";

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
