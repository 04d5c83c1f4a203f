/** Timing helpers: wall time of one call, and repeated samples reduced to median and p95. */
import { performance } from 'node:perf_hooks';

/** Latency figures over a series of timed calls, in milliseconds. */
export interface LatencySummary {
  samples: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

/** The wall time of one awaited call in seconds, with the call's result. */
export async function timeOnce<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

/** The nearest-rank quantile (0 < q ≤ 1) of ascending values. */
function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Reduces durations in milliseconds to median, p95, min and max (rounded to 0.01 ms). */
export function summarize(durationsMs: number[]): LatencySummary {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    samples: sorted.length,
    medianMs: round(quantile(sorted, 0.5)),
    p95Ms: round(quantile(sorted, 0.95)),
    minMs: round(sorted[0] ?? Number.NaN),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
  };
}

/**
 * Runs `work` `warmup` times untimed (JIT, plan caches, buffer cache), then `samples` times one after
 * another, timing each call; returns the summary. Calls never overlap: this is latency, not throughput.
 */
export async function measureLatency(work: () => Promise<void>, options: { warmup: number; samples: number }): Promise<LatencySummary> {
  for (let i = 0; i < options.warmup; i += 1) await work();
  const durations: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return summarize(durations);
}
