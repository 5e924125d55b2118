import type { HistogramSeriesJson, SeriesJson } from './metrics-json.js';

/**
 * Aligns two shards' series by wall-clock second and adds them. Per-second percentiles cannot
 * be added: the merged value is the larger of the two, an upper bound of the true percentile
 * of the combined second (exact when only one shard had samples in it).
 */
export function mergeSeries(a: SeriesJson, b: SeriesJson): SeriesJson {
  const originEpochSecond = Math.min(a.originEpochSecond, b.originEpochSecond);
  const offsetA = a.originEpochSecond - originEpochSecond;
  const offsetB = b.originEpochSecond - originEpochSecond;
  const seconds = Math.max(offsetA + a.seconds, offsetB + b.seconds);
  const at = <T>(column: readonly T[] | undefined, offset: number, second: number): T | undefined =>
    column?.[second - offset];

  const addColumns = (x: readonly number[] | undefined, y: readonly number[] | undefined): number[] =>
    Array.from({ length: seconds }, (_, s) => (at(x, offsetA, s) ?? 0) + (at(y, offsetB, s) ?? 0));
  const maxColumns = (
    x: readonly (number | null)[] | undefined,
    y: readonly (number | null)[] | undefined,
  ): (number | null)[] =>
    Array.from({ length: seconds }, (_, s) => larger(at(x, offsetA, s) ?? null, at(y, offsetB, s) ?? null));

  const counters: Record<string, number[]> = {};
  for (const key of keysOf(a.counters, b.counters)) counters[key] = addColumns(a.counters[key], b.counters[key]);
  const gauges: Record<string, number[]> = {};
  for (const key of keysOf(a.gauges, b.gauges)) gauges[key] = addColumns(a.gauges[key], b.gauges[key]);
  const histograms: Record<string, HistogramSeriesJson> = {};
  for (const key of keysOf(a.histograms, b.histograms)) {
    const x = a.histograms[key];
    const y = b.histograms[key];
    histograms[key] = {
      count: addColumns(x?.count, y?.count),
      p50Ms: maxColumns(x?.p50Ms, y?.p50Ms),
      p90Ms: maxColumns(x?.p90Ms, y?.p90Ms),
      p99Ms: maxColumns(x?.p99Ms, y?.p99Ms),
      maxMs: maxColumns(x?.maxMs, y?.maxMs),
    };
  }
  return { originEpochSecond, seconds, counters, gauges, histograms };
}

function larger(x: number | null, y: number | null): number | null {
  if (x === null) return y;
  if (y === null) return x;
  return Math.max(x, y);
}

function keysOf(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
