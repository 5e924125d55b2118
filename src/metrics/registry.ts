import { GauntletError } from '../util/errors.js';
import { systemClock, type Clock } from './clock.js';
import { CorrectedLatency } from './corrected.js';
import { Counter, Gauge } from './counters.js';
import { DEFAULT_LATENCY_BOUNDS, type HistogramBounds, type LatencyHistogram } from './histogram.js';
import { correctedKey, keyName, metricKey, type Labels } from './labels.js';
import type { SeriesJson } from './metrics-json.js';
import { RecordingHistogram } from './recording-histogram.js';
import { SeriesBook } from './series.js';
import type { LatencySummary } from './summary.js';
import { summary, type GaugeReading, type MetricsView } from './view.js';

export interface RegistryOptions {
  /** Monotonic clock; defaults to `performance.now()`. */
  readonly clock?: Clock;
  /** Unix ms at the run's start; defaults to `Date.now()`. Series align on its wall-clock seconds. */
  readonly startEpochMs?: number;
  readonly defaultBounds?: HistogramBounds;
}

const CORRECTED_SUFFIX = '.corrected';

/**
 * All metrics of one run. Metrics are created on first use under free-form names; handles
 * (`histogram()`, `counter()`, ...) are cheap to keep for hot paths. Every record first closes
 * the seconds that have elapsed on the clock, so per-second series need no timer; call `tick()`
 * from a timer anyway if gauges must be sampled while nothing is recorded.
 */
export class MetricsRegistry implements MetricsView {
  readonly startEpochMs: number;
  readonly shards = 1;
  private readonly clock: Clock;
  private readonly startClockMs: number;
  private readonly originEpochSecond: number;
  private readonly defaultBounds: HistogramBounds;
  private readonly declaredBounds = new Map<string, HistogramBounds>();
  private readonly histograms = new Map<string, RecordingHistogram>();
  private readonly counters = new Map<string, Counter>();
  private readonly gauges = new Map<string, Gauge>();
  private readonly book = new SeriesBook();
  private currentSecond = 0;
  private readonly beforeRecord = (): void => this.tick();

  constructor(options: RegistryOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.startClockMs = this.clock.nowMs();
    this.startEpochMs = options.startEpochMs ?? Date.now();
    this.originEpochSecond = Math.floor(this.startEpochMs / 1000);
    this.defaultBounds = options.defaultBounds ?? DEFAULT_LATENCY_BOUNDS;
  }

  /** Bounds for every histogram of that name (all label sets, and its `.corrected` twin). */
  declareHistogram(name: string, bounds: HistogramBounds): void {
    if ([...this.histograms.keys()].some((key) => baseName(key) === name)) {
      throw new GauntletError('internal', `histogram "${name}" was declared after its first sample`, {
        hint: 'declare histogram bounds before recording into them',
      });
    }
    this.declaredBounds.set(name, bounds);
  }

  histogram(name: string, labels?: Labels): RecordingHistogram {
    return this.histogramByKey(metricKey(name, labels));
  }

  /** Raw latencies under `name`, coordinated-omission-corrected ones under `name.corrected`. */
  correctedLatency(name: string, labels?: Labels): CorrectedLatency {
    const key = metricKey(name, labels);
    return new CorrectedLatency(this.histogramByKey(key), this.histogramByKey(correctedKey(key)));
  }

  counter(name: string, labels?: Labels): Counter {
    const key = metricKey(name, labels);
    let counter = this.counters.get(key);
    if (!counter) this.counters.set(key, (counter = new Counter(this.beforeRecord)));
    return counter;
  }

  gauge(name: string, labels?: Labels): Gauge {
    const key = metricKey(name, labels);
    let gauge = this.gauges.get(key);
    if (!gauge) this.gauges.set(key, (gauge = new Gauge(this.beforeRecord)));
    return gauge;
  }

  recordMs(name: string, valueMs: number, labels?: Labels): void {
    this.histogram(name, labels).recordMs(valueMs);
  }

  recordUs(name: string, valueUs: number, labels?: Labels): void {
    this.histogram(name, labels).recordUs(valueUs);
  }

  increment(name: string, labels?: Labels, by = 1): void {
    this.counter(name, labels).add(by);
  }

  /** The registry's clock in microseconds: the time base for `recordFromIntended`. */
  nowUs(): number {
    return this.clock.nowMs() * 1000;
  }

  get durationMs(): number {
    return this.clock.nowMs() - this.startClockMs;
  }

  /** Writes the series entries of every second that has fully elapsed. */
  tick(): void {
    const second = this.secondNow();
    while (this.currentSecond < second) {
      this.writeCurrentSecond(this.book);
      for (const counter of this.counters.values()) counter.inSecond = 0;
      for (const histogram of this.histograms.values()) {
        if (histogram.inSecond.count > 0) histogram.inSecond.reset();
      }
      this.currentSecond++;
    }
  }

  summary(key: string, durationMs = this.durationMs): LatencySummary | undefined {
    return summary(this, key, durationMs);
  }

  histogramKeys(): string[] {
    return [...this.histograms.keys()].sort();
  }

  latency(key: string): LatencyHistogram | undefined {
    return this.histograms.get(key)?.total;
  }

  counterKeys(): string[] {
    return [...this.counters.keys()].sort();
  }

  counterTotal(key: string): number | undefined {
    return this.counters.get(key)?.total;
  }

  gaugeKeys(): string[] {
    return [...this.gauges.keys()].sort();
  }

  gaugeReading(key: string): GaugeReading | undefined {
    const gauge = this.gauges.get(key);
    return gauge && { value: gauge.value, max: gauge.max };
  }

  /** Series up to now, the current (partial) second included as the last entry. */
  series(): SeriesJson {
    this.tick();
    const book = this.book.clone();
    this.writeCurrentSecond(book);
    return book.toJson(this.originEpochSecond);
  }

  private histogramByKey(key: string): RecordingHistogram {
    let histogram = this.histograms.get(key);
    if (!histogram) {
      const bounds = this.declaredBounds.get(baseName(key)) ?? this.defaultBounds;
      this.histograms.set(key, (histogram = new RecordingHistogram(bounds, this.beforeRecord)));
    }
    return histogram;
  }

  private writeCurrentSecond(book: SeriesBook): void {
    for (const [key, counter] of this.counters) book.putCounter(key, counter.inSecond);
    for (const [key, gauge] of this.gauges) book.putGauge(key, gauge.value);
    for (const [key, histogram] of this.histograms) book.putHistogram(key, histogram.inSecond);
    book.endSecond();
  }

  private secondNow(): number {
    const epochMs = this.startEpochMs + (this.clock.nowMs() - this.startClockMs);
    return Math.floor(epochMs / 1000) - this.originEpochSecond;
  }
}

/** `iq_rtt.corrected{kind=ping}` → `iq_rtt`: the name bounds are declared under. */
function baseName(key: string): string {
  const name = keyName(key);
  return name.endsWith(CORRECTED_SUFFIX) ? name.slice(0, -CORRECTED_SUFFIX.length) : name;
}
