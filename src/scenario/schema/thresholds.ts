/** `thresholds:` — pass/fail criteria per metric, as expression strings (parsed by metrics/thresholds). */
import { Type } from '@sinclair/typebox';
import { Decoded } from './base.js';

/** A metric name, optionally with labels as the metrics room writes them: `iq_rtt{kind=ping}`. */
export const METRIC_NAME_PATTERN = '^[a-z][a-z0-9_.]*(\\{[a-z_]+=[^{}=,]+(,[a-z_]+=[^{}=,]+)*\\})?$';

const Expression = Type.String({
  minLength: 1,
  title: 'a threshold expression',
  description: "A condition on the metric's aggregate, e.g. p(99) < 500ms, rate < 0.01, count > 0",
  examples: ['p(99) < 500ms'],
});

export const ThresholdsSchema = Decoded(
  Type.Record(Type.String({ pattern: METRIC_NAME_PATTERN }), Type.Union([Expression, Type.Array(Expression, { minItems: 1 })]), {
    additionalProperties: false,
    title: 'thresholds',
    description: 'Metric name → expression or list of expressions; any that fails makes the run fail',
  }),
  (input) => Object.fromEntries(Object.entries(input).map(([metric, rules]) => [metric, typeof rules === 'string' ? [rules] : rules])),
);
