import { DecodedMetrics } from '../decoded.js';
import { LatencyHistogram } from '../histogram.js';
import type { SeriesJson } from '../metrics-json.js';
import type { GaugeReading, MetricsView } from '../view.js';

/**
 * What a run recorded during one phase, as a view of its own (for `name{phase=...}`
 * thresholds): at the phase start every histogram is copied and every counter read; the window
 * shows the live metrics minus those. Histograms subtract exactly; a gauge shows its current
 * value and, as its peak, the highest end-of-second value seen during the phase.
 */
export class PhaseWindow implements MetricsView {
  readonly shards = 1;
  readonly startEpochMs: number;
  private readonly startHistograms = new Map<string, LatencyHistogram>();
  private readonly startCounters = new Map<string, number>();
  private endEpochMs: number | undefined;

  constructor(
    private readonly live: MetricsView,
    private readonly epochNow: () => number,
  ) {
    this.startEpochMs = epochNow();
    for (const key of live.histogramKeys()) {
      const histogram = live.latency(key)!;
      this.startHistograms.set(key, histogram.since(LatencyHistogram.create(histogram.bounds)));
    }
    for (const key of live.counterKeys()) this.startCounters.set(key, live.counterTotal(key)!);
  }

  get durationMs(): number {
    return (this.endEpochMs ?? this.epochNow()) - this.startEpochMs;
  }

  get open(): boolean {
    return this.endEpochMs === undefined;
  }

  /** Ends the window and returns what it recorded, detached from the live metrics. */
  close(): DecodedMetrics {
    this.endEpochMs ??= this.epochNow();
    const histograms = new Map(this.histogramKeys().map((key) => [key, this.latency(key)!]));
    const counters = new Map(this.counterKeys().map((key) => [key, this.counterTotal(key)!]));
    const gauges = new Map(this.gaugeKeys().map((key) => [key, this.gaugeReading(key)!]));
    return new DecodedMetrics({ startEpochMs: this.startEpochMs, durationMs: this.durationMs, shards: 1, histograms, counters, gauges, series: this.series() });
  }

  histogramKeys(): string[] {
    return this.live.histogramKeys();
  }

  latency(key: string): LatencyHistogram | undefined {
    const now = this.live.latency(key);
    if (!now) return undefined;
    // A copy either way: a closed window must not follow the live histogram.
    return now.since(this.startHistograms.get(key) ?? LatencyHistogram.create(now.bounds));
  }

  counterKeys(): string[] {
    return this.live.counterKeys();
  }

  counterTotal(key: string): number | undefined {
    const now = this.live.counterTotal(key);
    return now === undefined ? undefined : now - (this.startCounters.get(key) ?? 0);
  }

  gaugeKeys(): string[] {
    return this.live.gaugeKeys();
  }

  gaugeReading(key: string): GaugeReading | undefined {
    const reading = this.live.gaugeReading(key);
    if (!reading) return undefined;
    const seconds = this.series().gauges[key] ?? [];
    return { value: reading.value, max: Math.max(reading.value, ...seconds) };
  }

  /** The live series cut to the seconds this window covers. */
  series(): SeriesJson {
    const whole = this.live.series();
    const first = Math.max(0, Math.floor(this.startEpochMs / 1000) - whole.originEpochSecond);
    const end = Math.min(whole.seconds, Math.floor((this.endEpochMs ?? this.epochNow()) / 1000) - whole.originEpochSecond + 1);
    const cut = <T>(column: readonly T[]) => column.slice(first, Math.max(first, end));
    const map = <T, U>(record: Readonly<Record<string, T>>, f: (value: T) => U) =>
      Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]));
    return {
      originEpochSecond: whole.originEpochSecond + first,
      seconds: Math.max(0, end - first),
      counters: map(whole.counters, cut),
      gauges: map(whole.gauges, cut),
      histograms: map(whole.histograms, (h) => ({ count: cut(h.count), p50Ms: cut(h.p50Ms), p90Ms: cut(h.p90Ms), p99Ms: cut(h.p99Ms), maxMs: cut(h.maxMs) })),
    };
  }
}
