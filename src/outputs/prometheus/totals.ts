/**
 * Cumulative totals read from a run's metrics, and their differences: what the Prometheus
 * output sends per phase (a phase's series count only what happened during that phase, so the
 * phases of a run add up to its totals).
 */
import type { MetricsView } from '../../metrics/index.js';
import { LATENCY_LE_US } from './buckets.js';

export interface HistogramTotals {
  /** Samples at or below each of LATENCY_LE_US. */
  readonly buckets: readonly number[];
  readonly count: number;
  readonly sumSeconds: number;
}

export interface Totals {
  readonly counters: ReadonlyMap<string, number>;
  readonly histograms: ReadonlyMap<string, HistogramTotals>;
}

export const NO_TOTALS: Totals = { counters: new Map(), histograms: new Map() };

export function readTotals(view: MetricsView): Totals {
  const counters = new Map(view.counterKeys().map((key) => [key, view.counterTotal(key) ?? 0]));
  const histograms = new Map<string, HistogramTotals>();
  for (const key of view.histogramKeys()) {
    const histogram = view.latency(key);
    if (!histogram) continue;
    histograms.set(key, {
      buckets: histogram.countsAtOrBelowUs(LATENCY_LE_US),
      count: histogram.count,
      sumSeconds: (histogram.meanUs * histogram.count) / 1_000_000,
    });
  }
  return { counters, histograms };
}

/** `later - earlier`, key by key (a key missing from `earlier` counts from 0). */
export function totalsSince(later: Totals, earlier: Totals): Totals {
  const counters = new Map([...later.counters].map(([key, total]) => [key, total - (earlier.counters.get(key) ?? 0)]));
  const histograms = new Map<string, HistogramTotals>();
  for (const [key, now] of later.histograms) {
    const before = earlier.histograms.get(key);
    histograms.set(
      key,
      before
        ? { buckets: now.buckets.map((count, i) => count - (before.buckets[i] ?? 0)), count: now.count - before.count, sumSeconds: Math.max(0, now.sumSeconds - before.sumSeconds) }
        : now,
    );
  }
  return { counters, histograms };
}

/** True when nothing at all was counted or recorded. */
export function isEmpty(totals: Totals): boolean {
  return [...totals.counters.values()].every((total) => total === 0) && [...totals.histograms.values()].every((histogram) => histogram.count === 0);
}
