import { LatencyHistogram, widenBounds } from '../histogram.js';
import { parseMetricKey } from '../labels.js';
import type { GaugeReading, MetricsView } from '../view.js';

export type ResolvedMetric =
  | { readonly kind: 'histogram'; readonly histogram: LatencyHistogram }
  | { readonly kind: 'counter'; readonly total: number }
  | { readonly kind: 'gauge'; readonly reading: GaugeReading }
  | { readonly kind: 'missing' };

/**
 * Finds what a threshold's key refers to. A key selects every metric of that name whose labels
 * include the key's labels: `connections_failed` adds up all failure reasons,
 * `iq_rtt{kind=ping}` is just the pings. Several histograms are merged, counters summed,
 * gauges summed (their peaks too, which is then an upper bound).
 */
export function resolveMetric(view: MetricsView, key: string): ResolvedMetric {
  const histograms = matching(view.histogramKeys(), key);
  if (histograms.length > 0) return { kind: 'histogram', histogram: mergedHistogram(histograms.map((k) => view.latency(k)!)) };
  const counters = matching(view.counterKeys(), key);
  if (counters.length > 0) return { kind: 'counter', total: sum(counters.map((k) => view.counterTotal(k)!)) };
  const gauges = matching(view.gaugeKeys(), key).map((k) => view.gaugeReading(k)!);
  if (gauges.length > 0) {
    return { kind: 'gauge', reading: { value: sum(gauges.map((g) => g.value)), max: sum(gauges.map((g) => g.max)) } };
  }
  return { kind: 'missing' };
}

function matching(keys: readonly string[], wanted: string): string[] {
  const { name, labels } = parseMetricKey(wanted);
  const wantedLabels = Object.entries(labels);
  return keys.filter((key) => {
    const candidate = parseMetricKey(key);
    return candidate.name === name && wantedLabels.every(([label, value]) => candidate.labels[label] === value);
  });
}

function mergedHistogram(histograms: readonly LatencyHistogram[]): LatencyHistogram {
  if (histograms.length === 1) return histograms[0]!;
  const merged = LatencyHistogram.create(histograms.map((h) => h.bounds).reduce(widenBounds));
  for (const histogram of histograms) merged.add(histogram);
  return merged;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
