import type { LatencyHistogram } from './histogram.js';
import type { SeriesJson } from './metrics-json.js';
import { summarizeLatency, type LatencySummary } from './summary.js';

export interface GaugeReading {
  readonly value: number;
  readonly max: number;
}

/**
 * Read-only access to a run's metrics: the live `MetricsRegistry` and metrics decoded from a
 * result file both provide it, so summaries, thresholds and encoding work on either.
 * Keys are metric keys (`name` or `name{label=value}`, see labels.ts).
 */
export interface MetricsView {
  /** Wall-clock time (Unix ms) at which the run (or the earliest merged shard) started. */
  readonly startEpochMs: number;
  readonly durationMs: number;
  /** How many runs were merged into these metrics (1 for a single run). */
  readonly shards: number;
  histogramKeys(): string[];
  latency(key: string): LatencyHistogram | undefined;
  counterKeys(): string[];
  counterTotal(key: string): number | undefined;
  gaugeKeys(): string[];
  gaugeReading(key: string): GaugeReading | undefined;
  series(): SeriesJson;
}

/**
 * `summary(view, 'message_e2e')`, with `perSecond` over the run's duration unless another
 * duration is given; undefined when nothing was recorded under that key.
 */
export function summary(view: MetricsView, key: string, durationMs = view.durationMs): LatencySummary | undefined {
  const histogram = view.latency(key);
  return histogram && summarizeLatency(histogram, durationMs);
}
