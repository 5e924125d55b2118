/** `options:` — run-wide settings. */
import { Type } from '@sinclair/typebox';
import { parseDuration } from '../../util/duration.js';
import { Decoded, Duration, Strict } from './base.js';
import { LimitsSchema } from './limits.js';
import { MetricsOutputsSchema } from './metrics.js';

export const OPTION_DEFAULTS = { timeout: '10s', quiet: false } as const;

export const OptionsSchema = Decoded(
  Strict({
    timeout: Type.Optional(Duration({ default: OPTION_DEFAULTS.timeout, description: 'Timeout of a step that sets none' })),
    quiet: Type.Optional(Type.Boolean({ default: OPTION_DEFAULTS.quiet, description: 'Print only the summary' })),
    out: Type.Optional(Type.String({ minLength: 1, description: 'Directory for reports (relative to the scenario file)' })),
    max_error_rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Run health: the run fails when more than this fraction of iterations fail (default 0.1)' })),
    limits: Type.Optional(LimitsSchema),
    metrics: Type.Optional(MetricsOutputsSchema),
  }),
  (input) => ({
    timeoutMs: input.timeout ?? parseDuration(OPTION_DEFAULTS.timeout),
    quiet: input.quiet ?? OPTION_DEFAULTS.quiet,
    out: input.out,
    maxErrorRate: input.max_error_rate,
    limits: input.limits,
    metrics: input.metrics,
  }),
);
