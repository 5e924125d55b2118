export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** The left-hand side of a threshold: which number of the metric is compared. */
export type Aggregation =
  | { readonly kind: 'percentile'; readonly percentile: number }
  | { readonly kind: 'avg' | 'min' | 'max' | 'med' | 'count' | 'rate' | 'value' }
  | { readonly kind: 'ratio'; readonly denominator: string };

export type AggregationKind = Aggregation['kind'];

/** A parsed threshold such as `message_e2e: p(99) < 500ms`. */
export interface Threshold {
  /** Canonical metric key; without labels it covers every label set of that name. */
  readonly metric: string;
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
  /** Why a threshold could not be measured. */
  readonly note?: string;
}
