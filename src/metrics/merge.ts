import { decodeHistogram, encodeHistogram } from './encode.js';
import { LatencyHistogram, widenBounds } from './histogram.js';
import type { GaugeJson, HistogramJson, MetricsJson } from './metrics-json.js';
import { mergeSeries } from './merge-series.js';

/**
 * Combines the metrics of two runs (shards of one distributed run): histograms are added
 * (exact percentiles), counters summed, gauges summed, series aligned by wall-clock second.
 */
export function mergeMetrics(a: MetricsJson, b: MetricsJson): MetricsJson {
  const startEpochMs = Math.min(a.startEpochMs, b.startEpochMs);
  const endEpochMs = Math.max(a.startEpochMs + a.durationMs, b.startEpochMs + b.durationMs);
  const series = mergeSeries(a.series, b.series);
  return {
    format: a.format,
    startEpochMs,
    durationMs: endEpochMs - startEpochMs,
    shards: a.shards + b.shards,
    histograms: mergeRecords(a.histograms, b.histograms, mergeHistograms),
    counters: mergeRecords(a.counters, b.counters, (x, y) => x + y),
    gauges: mergeRecords(a.gauges, b.gauges, (x, y, key) => mergeGauges(x, y, series.gauges[key] ?? [])),
    series,
  };
}

function mergeHistograms(a: HistogramJson, b: HistogramJson, key: string): HistogramJson {
  const merged = LatencyHistogram.create(widenBounds(a, b));
  merged.add(decodeHistogram(key, a));
  merged.add(decodeHistogram(key, b));
  return encodeHistogram(merged);
}

/**
 * The last values add up. The peak is at least each shard's own peak and at least the highest
 * second of the summed series (shards peaking at the same moment add up).
 */
function mergeGauges(a: GaugeJson, b: GaugeJson, mergedSeries: readonly number[]): GaugeJson {
  const seriesPeak = mergedSeries.reduce((peak, value) => Math.max(peak, value), -Infinity);
  return { value: a.value + b.value, max: Math.max(a.max, b.max, seriesPeak) };
}

function mergeRecords<T>(
  a: Readonly<Record<string, T>>,
  b: Readonly<Record<string, T>>,
  combine: (x: T, y: T, key: string) => T,
): Record<string, T> {
  const merged: Record<string, T> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = merged[key];
    merged[key] = existing === undefined ? value : combine(existing, value, key);
  }
  return merged;
}
