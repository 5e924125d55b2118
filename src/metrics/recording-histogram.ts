import type { BeforeRecord } from './counters.js';
import { LatencyHistogram, type HistogramBounds } from './histogram.js';

/**
 * A registry's handle on one latency metric: every sample goes into the run-long histogram and
 * into the current second's histogram (for the per-second percentile series).
 */
export class RecordingHistogram {
  readonly total: LatencyHistogram;
  readonly inSecond: LatencyHistogram;

  constructor(
    bounds: HistogramBounds,
    private readonly beforeRecord: BeforeRecord,
  ) {
    this.total = LatencyHistogram.create(bounds);
    this.inSecond = LatencyHistogram.create(bounds);
  }

  recordUs(valueUs: number): void {
    this.beforeRecord();
    this.total.recordUs(valueUs);
    this.inSecond.recordUs(valueUs);
  }

  recordMs(valueMs: number): void {
    this.recordUs(valueMs * 1000);
  }

  /** See `LatencyHistogram.recordUsWithExpectedInterval`. */
  recordUsWithExpectedInterval(valueUs: number, expectedIntervalUs: number): void {
    this.beforeRecord();
    this.total.recordUsWithExpectedInterval(valueUs, expectedIntervalUs);
    this.inSecond.recordUsWithExpectedInterval(valueUs, expectedIntervalUs);
  }
}
