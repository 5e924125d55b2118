/**
 * Turns totals into Prometheus time series (pure): histograms as cumulative `_bucket{le=…}`
 * series plus `_sum` and `_count`, counters as `_total`, gauges as they are.
 */
import { keyName, parseMetricKey, type MetricsView } from '../../metrics/index.js';
import { LATENCY_LE_SECONDS, leLabel } from './buckets.js';
import { counterName, gaugeName, histogramName } from './names.js';
import type { Totals } from './totals.js';

export interface Sample {
  /** Label names sorted, `__name__` included. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Labels on every series of a run: run id, scenario, segment, phase. */
export type RunLabels = Readonly<Record<string, string>>;

function sample(name: string, key: string, extra: RunLabels, value: number): Sample {
  // The run's own labels win over a metric label of the same name.
  const merged: Record<string, string> = { ...parseMetricKey(key).labels, ...extra, __name__: name };
  const labels = Object.fromEntries(Object.keys(merged).sort().map((label) => [label, merged[label]]));
  return { labels, value };
}

export function totalsSamples(totals: Totals, labels: RunLabels): Sample[] {
  const samples: Sample[] = [];
  for (const [key, total] of totals.counters) samples.push(sample(counterName(keyName(key)), key, labels, total));
  for (const [key, histogram] of totals.histograms) {
    const name = histogramName(keyName(key));
    LATENCY_LE_SECONDS.forEach((le, i) => samples.push(sample(`${name}_bucket`, key, { ...labels, le: leLabel(le) }, histogram.buckets[i] ?? 0)));
    samples.push(sample(`${name}_bucket`, key, { ...labels, le: leLabel(Infinity) }, histogram.count));
    samples.push(sample(`${name}_sum`, key, labels, histogram.sumSeconds));
    samples.push(sample(`${name}_count`, key, labels, histogram.count));
  }
  return samples;
}

/** Gauges carry no phase label: only their current value means something. */
export function gaugeSamples(view: MetricsView, labels: RunLabels): Sample[] {
  return view.gaugeKeys().map((key) => sample(gaugeName(keyName(key)), key, labels, view.gaugeReading(key)?.value ?? 0));
}
