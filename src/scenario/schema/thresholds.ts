/** `thresholds:` — pass/fail criteria per metric, as expression strings (parsed by metrics/thresholds). */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Decoded, Duration, Strict } from './base.js';

/**
 * A metric name, optionally with labels as the metrics room writes them: `iq_rtt{kind=ping}`.
 * The `phase` label selects what one load phase recorded: `login_total{phase=warmup}`.
 */
export const METRIC_NAME_PATTERN = '^[a-z][a-z0-9_.]*(\\{[a-z_]+=[^{}=,]+(,[a-z_]+=[^{}=,]+)*\\})?$';

const Expression = Type.String({
  minLength: 1,
  title: 'a threshold expression',
  description: "A condition on the metric's aggregate, e.g. p(99) < 500ms, rate < 0.01, count > 0",
  examples: ['p(99) < 500ms'],
});

/** k6's object form: the expression plus what to do when it fails during the run. */
const WithOptions = Decoded(
  Strict(
    {
      threshold: Expression,
      abort_on_fail: Type.Optional(Type.Boolean({ description: 'Stop the run as soon as the threshold fails (checked every second); results are still written and the exit code is 4' })),
      delay_abort_eval: Type.Optional(Duration({ description: 'Do not abort before this much of the run (or of the phase, for a phase threshold) has passed' })),
    },
    { title: 'a threshold with options', description: 'An expression with abort_on_fail, like k6' },
  ),
  (input) => ({ expression: input.threshold, abortOnFail: input.abort_on_fail ?? false, delayAbortEvalMs: input.delay_abort_eval ?? 0 }),
);

export type ThresholdRuleOptions = StaticDecode<typeof WithOptions>;

export const ThresholdsSchema = Decoded(
  Type.Record(Type.String({ pattern: METRIC_NAME_PATTERN }), Type.Union([Expression, Type.Array(Type.Union([Expression, WithOptions], { title: 'a threshold expression' }), { minItems: 1 })]), {
    additionalProperties: false,
    title: 'thresholds',
    description: 'Metric name → expression or list of expressions (or {threshold, abort_on_fail, delay_abort_eval}); any that fails makes the run fail',
  }),
  (input) => Object.fromEntries(Object.entries(input).map(([metric, rules]) => [metric, typeof rules === 'string' ? [rules] : rules])),
);
