import type { RecordingHistogram } from './recording-histogram.js';

/**
 * A latency measured two ways, against coordinated omission: `raw` from when the request was
 * actually sent, `corrected` (the `<name>.corrected` metric) from when a rate-driven sender
 * intended to send it, as wrk2 does. When the sender falls behind (a stalled connection, a
 * full event loop) raw latencies look fine while corrected ones show the wait users would see.
 */
export class CorrectedLatency {
  constructor(
    readonly raw: RecordingHistogram,
    readonly corrected: RecordingHistogram,
  ) {}

  /** All three are microseconds on the registry's clock (`registry.nowUs()`). */
  recordFromIntended(intendedStartUs: number, actualStartUs: number, endUs: number): void {
    this.raw.recordUs(endUs - actualStartUs);
    // A request sent early was not delayed by us: measure it from when it left.
    this.corrected.recordUs(endUs - Math.min(intendedStartUs, actualStartUs));
  }

  /**
   * For senders that know their pace but not each request's intended time: the raw value goes
   * into `raw`, and `corrected` also gets HDR's synthetic samples for the requests a stall of
   * `valueUs` kept from being sent every `expectedIntervalUs`.
   */
  recordUsWithExpectedInterval(valueUs: number, expectedIntervalUs: number): void {
    this.raw.recordUs(valueUs);
    this.corrected.recordUsWithExpectedInterval(valueUs, expectedIntervalUs);
  }
}
