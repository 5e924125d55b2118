import type { LatencyHistogram } from './histogram.js';
import type { HistogramSeriesJson, SeriesJson } from './metrics-json.js';

interface HistogramColumns {
  count: number[];
  p50Ms: (number | null)[];
  p90Ms: (number | null)[];
  p99Ms: (number | null)[];
  maxMs: (number | null)[];
}

/**
 * Per-second columns, one entry per second for every metric. A metric first seen in second 7
 * gets its earlier entries filled with "nothing happened" (0, or null for percentiles).
 */
export class SeriesBook {
  /** Number of complete seconds written. */
  seconds = 0;
  private readonly counters = new Map<string, number[]>();
  private readonly gauges = new Map<string, number[]>();
  private readonly histograms = new Map<string, HistogramColumns>();

  putCounter(key: string, increments: number): void {
    this.column(this.counters, key, 0).push(increments);
  }

  putGauge(key: string, value: number): void {
    this.column(this.gauges, key, 0).push(value);
  }

  putHistogram(key: string, second: LatencyHistogram): void {
    let columns = this.histograms.get(key);
    if (!columns) {
      const nulls = () => new Array<number | null>(this.seconds).fill(null);
      columns = { count: new Array<number>(this.seconds).fill(0), p50Ms: nulls(), p90Ms: nulls(), p99Ms: nulls(), maxMs: nulls() };
      this.histograms.set(key, columns);
    }
    const empty = second.count === 0;
    const ms = (us: number) => (empty ? null : us / 1000);
    columns.count.push(second.count);
    columns.p50Ms.push(ms(second.valueAtPercentileUs(50)));
    columns.p90Ms.push(ms(second.valueAtPercentileUs(90)));
    columns.p99Ms.push(ms(second.valueAtPercentileUs(99)));
    columns.maxMs.push(ms(second.maxUs));
  }

  /** Call once every metric has had its entry for the second. */
  endSecond(): void {
    this.seconds++;
  }

  clone(): SeriesBook {
    const copy = new SeriesBook();
    copy.seconds = this.seconds;
    for (const [key, values] of this.counters) copy.counters.set(key, [...values]);
    for (const [key, values] of this.gauges) copy.gauges.set(key, [...values]);
    for (const [key, columns] of this.histograms) {
      copy.histograms.set(key, {
        count: [...columns.count],
        p50Ms: [...columns.p50Ms],
        p90Ms: [...columns.p90Ms],
        p99Ms: [...columns.p99Ms],
        maxMs: [...columns.maxMs],
      });
    }
    return copy;
  }

  toJson(originEpochSecond: number): SeriesJson {
    const histograms: Record<string, HistogramSeriesJson> = {};
    for (const [key, columns] of this.histograms) histograms[key] = columns;
    return {
      originEpochSecond,
      seconds: this.seconds,
      counters: Object.fromEntries(this.counters),
      gauges: Object.fromEntries(this.gauges),
      histograms,
    };
  }

  private column(columns: Map<string, number[]>, key: string, filler: number): number[] {
    let column = columns.get(key);
    if (!column) {
      column = new Array<number>(this.seconds).fill(filler);
      columns.set(key, column);
    }
    return column;
  }
}
