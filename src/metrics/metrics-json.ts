/**
 * The `metrics` section of result.json: lossless (histograms in HDR's compressed base64 V2
 * format) and mergeable. docs/result-format.md describes every field.
 */
export const METRICS_FORMAT = 'gauntlet-metrics/1';

export interface MetricsJson {
  readonly format: typeof METRICS_FORMAT;
  /** Unix ms at which the run started (the earliest shard's start after a merge). */
  readonly startEpochMs: number;
  readonly durationMs: number;
  /** Number of runs merged into this one; percentile series are upper bounds when > 1. */
  readonly shards: number;
  readonly histograms: Readonly<Record<string, HistogramJson>>;
  readonly counters: Readonly<Record<string, number>>;
  readonly gauges: Readonly<Record<string, GaugeJson>>;
  readonly series: SeriesJson;
}

export interface HistogramJson {
  /** Recorded values are whole microseconds. */
  readonly unit: 'us';
  readonly lowestUs: number;
  readonly highestUs: number;
  readonly significantDigits: 1 | 2 | 3 | 4 | 5;
  /** Samples below 0 µs recorded as 0 (a clock problem). */
  readonly clampedBelow: number;
  /** Samples above `highestUs` recorded as `highestUs`. */
  readonly clampedAbove: number;
  /** HDR histogram, V2 compressed encoding, base64 (any HdrHistogram library decodes it). */
  readonly hdr: string;
}

export interface GaugeJson {
  /** Last value set. */
  readonly value: number;
  readonly max: number;
}

/**
 * Per-second series. Index `i` covers the wall-clock second starting at
 * `(originEpochSecond + i) * 1000` Unix ms, so the first and last entries are usually partial
 * seconds, and series of different shards line up by index offset.
 */
export interface SeriesJson {
  readonly originEpochSecond: number;
  readonly seconds: number;
  /** Increments per second (throughput). */
  readonly counters: Readonly<Record<string, readonly number[]>>;
  /** Value at the end of each second. */
  readonly gauges: Readonly<Record<string, readonly number[]>>;
  readonly histograms: Readonly<Record<string, HistogramSeriesJson>>;
}

/** Per-second latency columns, in ms; null where the second had no sample. */
export interface HistogramSeriesJson {
  readonly count: readonly number[];
  readonly p50Ms: readonly (number | null)[];
  readonly p90Ms: readonly (number | null)[];
  readonly p99Ms: readonly (number | null)[];
  readonly maxMs: readonly (number | null)[];
}
