import type { ExpectationsDiff } from '../../checks/expectations.js';
/** What `gauntlet compare` found: pure data, rendered as text, JSON or HTML. */

/** The latency statistics put side by side; all but `max` are judged against the tolerance. */
/** CI defaults: a gate that fails on noise is switched off, and then catches nothing. */
export const COMPARE_DEFAULTS = { tolerance: '10%', minDelta: '5ms', minSamples: 10 } as const;

export const COMPARED_STATS = [
  { stat: 'p50', percentile: 50, judged: true },
  { stat: 'p90', percentile: 90, judged: true },
  { stat: 'p99', percentile: 99, judged: true },
  { stat: 'p99.9', percentile: 99.9, judged: true },
  // A single sample: too noisy to gate a pipeline on, shown for information.
  { stat: 'max', percentile: 100, judged: false },
] as const;

export type ComparedStat = (typeof COMPARED_STATS)[number]['stat'];

export interface CompareOptions {
  /** Allowed slow-down as a fraction: 0.1 lets B be up to 10 % slower than A. */
  readonly tolerance: number;
  /** Slow-downs smaller than this (ms) never count, however large in percent (sub-ms jitter). */
  readonly minDeltaMs: number;
  /**
   * A percentile is judged only when each run has at least this many samples beyond it
   * (p99 needs 100 × this): below, it is "not enough data", never a regression.
   */
  readonly minSamples: number;
  /** Metric selectors (`message_e2e`, `iq_rtt{kind=ping}`); all metrics when empty. */
  readonly metrics: readonly string[];
}

export interface RunLabel {
  readonly file: string;
  readonly scenario: string;
  readonly target: string;
  readonly startedAt: string;
  readonly toolVersion: string;
}

export interface StatDelta {
  readonly stat: ComparedStat;
  readonly aMs: number;
  readonly bMs: number;
  readonly deltaMs: number;
  /** (B − A) / A; null when A is 0. */
  readonly relative: number | null;
  readonly judged: boolean;
  /** False when either run has too few samples beyond this percentile (see `minSamples`). */
  readonly enoughData: boolean;
  readonly regressed: boolean;
}

export interface LatencyComparison {
  readonly key: string;
  /** Where the metric was recorded: a metric in one run only is listed, never judged. */
  readonly presence: 'both' | 'only-a' | 'only-b';
  readonly aCount: number;
  readonly bCount: number;
  readonly stats: readonly StatDelta[];
  readonly regressed: boolean;
}

export interface CounterComparison {
  readonly key: string;
  readonly a: number;
  readonly b: number;
  readonly delta: number;
  readonly relative: number | null;
  /** Per second of load, so runs of different lengths compare. */
  readonly aPerSecond: number;
  readonly bPerSecond: number;
}

export interface Comparison {
  readonly a: RunLabel;
  readonly b: RunLabel;
  readonly options: CompareOptions;
  /** Things to know before trusting the verdict (different scenarios, unknown selectors). */
  readonly warnings: readonly string[];
  readonly latencies: readonly LatencyComparison[];
  readonly counters: readonly CounterComparison[];
  /** `message_e2e p99 +23.4% (12.1ms → 14.9ms)`, one per regressed statistic. */
  readonly regressions: readonly string[];
  /** Check verdicts that differ between A and B, when either run has checks (shown, never judged). */
  readonly checks?: ExpectationsDiff;
  readonly verdict: 'regressed' | 'ok';
}
