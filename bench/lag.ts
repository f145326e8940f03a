import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * Event-loop lag of a benchmark peer's process, measured the way prom-client
 * measures ours (a 10 ms resolution delay histogram, reset on every read), so
 * that the figures of the three servers compare.
 */
export function lagProbe() {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    /** Max and p99 since the previous read, in milliseconds; then starts over. */
    read(): { maxMs: number; p99Ms: number } {
      const result = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6 };
      histogram.reset();
      return result;
    },
  };
}

/** The path on which a peer's process answers with `lagProbe().read()` as JSON. */
export const LAG_PATH = "/bench/lag";
