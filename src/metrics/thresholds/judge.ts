import { metricKey, parseMetricKey } from '../labels.js';
import type { MetricsView } from '../view.js';
import { evaluateThreshold } from './evaluate.js';
import type { Threshold, ThresholdResult } from './types.js';

/**
 * The end-of-run verdicts: a threshold without a phase is judged on the whole run, a
 * `{phase=...}` one on what that phase recorded (`phases` is keyed by the phase name as it
 * appears in metric keys, see `phaseLabel`). Pure; used by the engine and by merge.
 */
export function judgeThresholds(thresholds: readonly Threshold[], whole: MetricsView, phases: ReadonlyMap<string, MetricsView>): ThresholdResult[] {
  return thresholds.map((threshold) => {
    if (threshold.phase === undefined) return evaluateThreshold(threshold, whole);
    const view = phases.get(threshold.phase);
    if (view) return evaluateThreshold(threshold, view);
    const known = [...phases.keys()].join(', ') || 'none ran';
    return { metric: threshold.metric, expression: threshold.expression, observed: null, unit: 'number', ok: false, note: `phase ${threshold.phase} did not run (phases: ${known})` };
  });
}

/** A phase's name as a `phase` label value: `phase 1` → `phase_1` (labels.ts tames spaces). */
export function phaseLabel(name: string): string {
  return parseMetricKey(metricKey('phase', { phase: name })).labels['phase']!;
}
