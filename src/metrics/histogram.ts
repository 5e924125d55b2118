import { createHistogram, decodeCompressed, encodeCompressed, type Histogram } from './hdr.js';

export type SignificantDigits = 1 | 2 | 3 | 4 | 5;

/** What a latency histogram can tell apart: values are microseconds. */
export interface HistogramBounds {
  readonly lowestUs: number;
  readonly highestUs: number;
  readonly significantDigits: SignificantDigits;
}

/** 1 µs .. 10 min at 3 significant digits (about 87 KB of counts per histogram). */
export const DEFAULT_LATENCY_BOUNDS: HistogramBounds = Object.freeze({
  lowestUs: 1,
  highestUs: 10 * 60 * 1_000_000,
  significantDigits: 3,
});

/**
 * An HDR histogram of latencies stored in whole microseconds, with fixed bounds. Recording never
 * throws: values outside the bounds are clamped to them and counted, so a clock hiccup or a
 * 20-minute stall shows up in `clampedBelow` / `clampedAbove` instead of crashing a load run.
 *
 * Uses the pure-JS hdr-histogram-js implementation (not WASM): ~8 M records/s is far above what
 * an XMPP server under test produces, and WASM histograms live outside the GC and must be
 * destroyed by hand.
 */
export class LatencyHistogram {
  clampedBelow = 0;
  clampedAbove = 0;

  private constructor(
    readonly bounds: HistogramBounds,
    private readonly hdr: Histogram,
  ) {}

  static create(bounds: HistogramBounds = DEFAULT_LATENCY_BOUNDS): LatencyHistogram {
    return new LatencyHistogram(bounds, createHistogram(bounds.lowestUs, bounds.highestUs, bounds.significantDigits));
  }

  /** Rebuilds a histogram from `encode()`'s output (HDR compressed base64, V2 format). */
  static decode(encoded: string, bounds: HistogramBounds, clamped = { below: 0, above: 0 }): LatencyHistogram {
    const histogram = new LatencyHistogram(bounds, decodeCompressed(encoded, bounds.highestUs));
    histogram.clampedBelow = clamped.below;
    histogram.clampedAbove = clamped.above;
    return histogram;
  }

  recordUs(valueUs: number): void {
    this.hdr.recordValue(this.clampUs(valueUs));
  }

  recordMs(valueMs: number): void {
    this.recordUs(valueMs * 1000);
  }

  /**
   * HDR's at-recording coordinated-omission correction: a value longer than the expected
   * interval also records the samples that a stalled sender could not send
   * (value - interval, value - 2·interval, ... down to the interval).
   */
  recordUsWithExpectedInterval(valueUs: number, expectedIntervalUs: number): void {
    this.hdr.recordValueWithExpectedInterval(this.clampUs(valueUs), Math.round(expectedIntervalUs));
  }

  get count(): number {
    return this.hdr.totalCount;
  }

  /** `percentile` in 0..100. Values are reported at the top of their HDR bucket. */
  valueAtPercentileUs(percentile: number): number {
    return this.count === 0 ? 0 : this.hdr.getValueAtPercentile(percentile);
  }

  /**
   * How many samples lie at or below each limit (µs, ascending): cumulative bucket counts for
   * exporters. A sample counts under a limit when the top of its HDR bucket is within it, the
   * same convention as the percentiles.
   */
  countsAtOrBelowUs(limitsUs: readonly number[]): number[] {
    const counts = limitsUs.map(() => 0);
    const values = this.hdr.recordedValuesIterator;
    values.reset();
    while (values.hasNext()) {
      const step = values.next();
      for (let i = limitsUs.length - 1; i >= 0 && step.valueIteratedTo <= limitsUs[i]; i--) counts[i] += step.countAtValueIteratedTo;
    }
    return counts;
  }

  get minUs(): number {
    return this.count === 0 ? 0 : this.hdr.getValueAtPercentile(0);
  }

  /** Bucket-top of the largest value, so it reads the same before and after encoding. */
  get maxUs(): number {
    return this.count === 0 ? 0 : (this.hdr as unknown as Equivalence).highestEquivalentValue(this.hdr.maxValue);
  }

  get meanUs(): number {
    return this.#currentMoments().meanUs;
  }

  get stdDeviationUs(): number {
    return this.#currentMoments().stdDeviationUs;
  }

  /**
   * hdr-histogram-js walks every recorded value once for the mean and twice more for the
   * standard deviation, and reports ask for both several times per histogram: half a second of
   * CPU at the end of a 500-user run. One walk here (same arithmetic, same order, so the same
   * figures), kept until the histogram changes.
   */
  #moments?: { count: number; meanUs: number; stdDeviationUs: number };

  #currentMoments(): { meanUs: number; stdDeviationUs: number } {
    const count = this.count;
    if (this.#moments?.count === count) return this.#moments;
    const values: number[] = [];
    const counts: number[] = [];
    let total = 0;
    const iterator = this.hdr.recordedValuesIterator;
    iterator.reset();
    while (iterator.hasNext()) {
      const step = iterator.next();
      const value = this.hdr.medianEquivalentValue(step.valueIteratedTo);
      values.push(value);
      counts.push(step.countAtValueIteratedTo);
      total += value * step.countAtValueIteratedTo;
    }
    const meanUs = count === 0 ? 0 : total / count;
    let squares = 0;
    for (let i = 0; i < values.length; i++) squares += (values[i]! - meanUs) * (values[i]! - meanUs) * counts[i]!;
    this.#moments = { count, meanUs, stdDeviationUs: count === 0 ? 0 : Math.sqrt(squares / count) };
    return this.#moments;
  }

  /** Adds another histogram's samples; its bounds must fit inside ours (see `widenBounds`). */
  add(other: LatencyHistogram): void {
    this.#moments = undefined;
    this.hdr.add(other.hdr);
    this.clampedBelow += other.clampedBelow;
    this.clampedAbove += other.clampedAbove;
  }

  /**
   * The samples recorded since `earlier`, a copy of this histogram taken before (per-phase
   * thresholds): a new histogram holding this one's samples minus `earlier`'s.
   */
  since(earlier: LatencyHistogram): LatencyHistogram {
    const delta = LatencyHistogram.create(this.bounds);
    delta.add(this);
    delta.hdr.subtract(earlier.hdr);
    delta.clampedBelow -= earlier.clampedBelow;
    delta.clampedAbove -= earlier.clampedAbove;
    return delta;
  }

  reset(): void {
    this.#moments = undefined;
    this.hdr.reset();
    this.clampedBelow = 0;
    this.clampedAbove = 0;
  }

  encode(): string {
    return encodeCompressed(this.hdr);
  }

  private clampUs(valueUs: number): number {
    const rounded = Math.round(valueUs);
    if (rounded < 0 || Number.isNaN(rounded)) {
      this.clampedBelow++;
      return 0;
    }
    if (rounded > this.bounds.highestUs) {
      this.clampedAbove++;
      return this.bounds.highestUs;
    }
    return rounded;
  }
}

interface Equivalence {
  highestEquivalentValue(value: number): number;
}

/** Bounds that hold the samples of both: used when merging histograms declared differently. */
export function widenBounds(a: HistogramBounds, b: HistogramBounds): HistogramBounds {
  return {
    lowestUs: Math.min(a.lowestUs, b.lowestUs),
    highestUs: Math.max(a.highestUs, b.highestUs),
    significantDigits: Math.max(a.significantDigits, b.significantDigits) as SignificantDigits,
  };
}

export function sameBounds(a: HistogramBounds, b: HistogramBounds): boolean {
  return a.lowestUs === b.lowestUs && a.highestUs === b.highestUs && a.significantDigits === b.significantDigits;
}
