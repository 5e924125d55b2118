import type { LatencyHistogram } from './histogram.js';

/** A histogram at a glance, in milliseconds. With `count` 0 every other field is 0. */
export interface LatencySummary {
  readonly count: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly stdDevMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
  /** Samples per second over the duration given to `summarizeLatency` (absent without one). */
  readonly perSecond?: number;
}

export function summarizeLatency(histogram: LatencyHistogram, durationMs?: number): LatencySummary {
  const ms = (us: number) => us / 1000;
  const summary: LatencySummary = {
    count: histogram.count,
    minMs: ms(histogram.minUs),
    meanMs: ms(histogram.meanUs),
    stdDevMs: ms(histogram.stdDeviationUs),
    p50Ms: ms(histogram.valueAtPercentileUs(50)),
    p90Ms: ms(histogram.valueAtPercentileUs(90)),
    p95Ms: ms(histogram.valueAtPercentileUs(95)),
    p99Ms: ms(histogram.valueAtPercentileUs(99)),
    p999Ms: ms(histogram.valueAtPercentileUs(99.9)),
    maxMs: ms(histogram.maxUs),
  };
  if (durationMs === undefined) return summary;
  return { ...summary, perSecond: perSecond(histogram.count, durationMs) };
}

/** `count` per second over `durationMs`; 0 for an empty or zero-length run. */
export function perSecond(count: number, durationMs: number): number {
  return durationMs > 0 ? count / (durationMs / 1000) : 0;
}
