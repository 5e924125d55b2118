import type { LatencyHistogram } from './histogram.js';
import type { SeriesJson } from './metrics-json.js';
import type { LatencySummary } from './summary.js';
import { summary, type GaugeReading, type MetricsView } from './view.js';

export interface DecodedParts {
  readonly startEpochMs: number;
  readonly durationMs: number;
  readonly shards: number;
  readonly histograms: ReadonlyMap<string, LatencyHistogram>;
  readonly counters: ReadonlyMap<string, number>;
  readonly gauges: ReadonlyMap<string, GaugeReading>;
  readonly series: SeriesJson;
}

/** Metrics read back from a result file: the same queries as a live registry, no recording. */
export class DecodedMetrics implements MetricsView {
  readonly startEpochMs: number;
  readonly durationMs: number;
  readonly shards: number;

  constructor(private readonly parts: DecodedParts) {
    this.startEpochMs = parts.startEpochMs;
    this.durationMs = parts.durationMs;
    this.shards = parts.shards;
  }

  summary(key: string, durationMs = this.durationMs): LatencySummary | undefined {
    return summary(this, key, durationMs);
  }

  histogramKeys(): string[] {
    return [...this.parts.histograms.keys()].sort();
  }

  latency(key: string): LatencyHistogram | undefined {
    return this.parts.histograms.get(key);
  }

  counterKeys(): string[] {
    return [...this.parts.counters.keys()].sort();
  }

  counterTotal(key: string): number | undefined {
    return this.parts.counters.get(key);
  }

  gaugeKeys(): string[] {
    return [...this.parts.gauges.keys()].sort();
  }

  gaugeReading(key: string): GaugeReading | undefined {
    return this.parts.gauges.get(key);
  }

  series(): SeriesJson {
    return this.parts.series;
  }
}
