import type { LatencyHistogram } from '../../metrics/index.js';

/**
 * The classic HDR percentile plot: x is 1/(1-p), so 90 %, 99 %, 99.9 % ... are evenly spaced on
 * a log axis and the tail gets as much room as the median.
 */
export const TOP_X = 100_000; // 99.999 %
const STEPS_PER_DECADE = 20;

/** Percentiles (in %) labelled on the axis; the axis itself starts at 0 % (the minimum). */
export const PERCENTILE_TICKS = [50, 90, 99, 99.9, 99.99, 99.999] as const;

export function xOfPercentile(percentile: number): number {
  return 1 / (1 - percentile / 100);
}

export function percentileOfX(x: number): number {
  return 100 * (1 - 1 / x);
}

/** Shared x positions of every distribution chart: 1 (0 %) .. TOP_X, evenly spaced in log. */
export function distributionXs(): number[] {
  const decades = Math.log10(TOP_X);
  return Array.from({ length: decades * STEPS_PER_DECADE + 1 }, (_, k) => 10 ** (k / STEPS_PER_DECADE));
}

/**
 * Latency (ms) at each x. Past 1/(1-p) = count the histogram cannot tell percentiles apart, so
 * the line stops one step after that, at the maximum, instead of running flat to 99.999 %.
 */
export function distributionValues(histogram: LatencyHistogram, xs: readonly number[]): (number | null)[] {
  return xs.map((x, index) => {
    const previous = index === 0 ? 0 : xs[index - 1]!;
    if (histogram.count === 0 || previous > histogram.count) return null;
    return histogram.valueAtPercentileUs(percentileOfX(x)) / 1000;
  });
}
