export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** The left-hand side of a threshold: which number of the metric is compared. */
export type Aggregation =
  | { readonly kind: 'percentile'; readonly percentile: number }
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'ratio'; readonly denominator: string };

export type AggregationKind = Aggregation['kind'];

/** A parsed threshold such as `message_e2e: p(99) < 500ms`. */
export interface Threshold {
  /** Canonical metric key as written, `phase` label included; without labels it covers every label set of that name. */
  readonly metric: string;
  /** The key without its `phase` label: what is looked up in a metrics view. */
  readonly selector: string;
  /** `login_total{phase=warmup}`: judged on what that phase recorded (name as in metric keys). */
  readonly phase?: string;
  /** Stop the run as soon as a periodic evaluation finds the threshold failing. */
  readonly abortOnFail: boolean;
  /** No abort before this long into the run (or the phase, for a phase threshold). */
  readonly delayAbortEvalMs: number;
  /** As written in the scenario. */
  readonly expression: string;
  readonly aggregation: Aggregation;
  readonly comparison: Comparison;
  /** Milliseconds for latencies (a bare number is ms), a fraction for `1%`, else the number. */
  readonly limit: number;
  /** The limit was written with a duration unit (`500ms`, `1s`), not as a bare number. */
  readonly limitHasUnit: boolean;
}

export type ObservedUnit = 'ms' | 'number' | 'per_second' | 'ratio';

export interface ThresholdResult {
  readonly metric: string;
  readonly expression: string;
  /** Null when there was nothing to measure (see `note`). */
  readonly observed: number | null;
  readonly unit: ObservedUnit;
  readonly ok: boolean;
  /** Why a threshold could not be measured, or that it stopped the run. */
  readonly note?: string;
  /** Ms after the load started at which a periodic evaluation first found it failing. */
  readonly firstFailedAtMs?: number;
  /** This threshold's abort_on_fail stopped the run early. */
  readonly abortedRun?: boolean;
}

/** A `thresholds:` entry with options, as the scenario loader decodes k6's object form. */
export interface ThresholdRuleInput {
  readonly expression: string;
  readonly abortOnFail?: boolean;
  readonly delayAbortEvalMs?: number;
}
