import type { LatencyHistogram } from '../histogram.js';
import { perSecond } from '../summary.js';
import type { MetricsView } from '../view.js';
import { resolveMetric, type ResolvedMetric } from './resolve.js';
import type { Comparison, ObservedUnit, Threshold, ThresholdResult } from './types.js';

interface Observation {
  readonly observed: number | null;
  readonly unit: ObservedUnit;
  readonly note?: string;
}

/** Evaluates thresholds against a snapshot: a live registry (periodically) or decoded metrics. */
export function evaluateThresholds(thresholds: readonly Threshold[], view: MetricsView): ThresholdResult[] {
  return thresholds.map((threshold) => evaluateThreshold(threshold, view));
}

export function evaluateThreshold(threshold: Threshold, view: MetricsView): ThresholdResult {
  const { observed, unit, note } = observe(threshold, resolveMetric(view, threshold.selector), view);
  const ok = observed !== null && compare(observed, threshold.comparison, threshold.limit);
  return { metric: threshold.metric, expression: threshold.expression, observed, unit, ok, ...(note ? { note } : {}) };
}

function observe(threshold: Threshold, metric: ResolvedMetric, view: MetricsView): Observation {
  const aggregation = threshold.aggregation;
  const name = threshold.metric;
  const notApplicable = (unit: ObservedUnit): Observation => ({
    observed: null,
    unit,
    note:
      metric.kind === 'missing'
        ? `no samples recorded for ${name}`
        : `${aggregation.kind} does not apply to ${name}, a ${metric.kind}`,
  });
  const count = metric.kind === 'histogram' ? metric.histogram.count : metric.kind === 'counter' ? metric.total : 0;
  // A counter never incremented does not exist yet; say so, in case the name is misspelt.
  const neverRecorded = metric.kind === 'missing' ? { note: `nothing recorded under ${name}: counted as 0` } : {};

  switch (aggregation.kind) {
    case 'count':
      return metric.kind === 'gauge' ? notApplicable('number') : { observed: count, unit: 'number', ...neverRecorded };
    case 'rate':
      if (metric.kind === 'gauge') return notApplicable('per_second');
      return { observed: perSecond(count, view.durationMs), unit: 'per_second', ...neverRecorded };
    case 'value':
      return metric.kind === 'gauge' ? { observed: metric.reading.value, unit: 'number' } : notApplicable('number');
    case 'ratio':
      return { ...neverRecorded, ...ratio(count, resolveMetric(view, aggregation.denominator), aggregation.denominator, metric.kind === 'gauge') };
    default:
      break;
  }
  if (metric.kind === 'gauge' && aggregation.kind === 'max') {
    if (threshold.limitHasUnit) return { observed: null, unit: 'number', note: `${name} is a gauge: compare it with a plain number` };
    return { observed: metric.reading.max, unit: 'number' };
  }
  if (metric.kind !== 'histogram') return notApplicable('ms');
  const histogram = metric.histogram;
  if (histogram.count === 0) return { observed: null, unit: 'ms', note: `no samples recorded for ${name}` };
  return { observed: latencyUs(aggregation, histogram) / 1000, unit: 'ms' };
}

function latencyUs(aggregation: Threshold['aggregation'], histogram: LatencyHistogram): number {
  switch (aggregation.kind) {
    case 'percentile':
      return histogram.valueAtPercentileUs(aggregation.percentile);
    case 'med':
      return histogram.valueAtPercentileUs(50);
    case 'avg':
      return histogram.meanUs;
    case 'min':
      return histogram.minUs;
    default:
      return histogram.maxUs;
  }
}

/** 0 of 0 is a ratio of 0 (nothing went wrong); something out of nothing cannot be measured. */
function ratio(numerator: number, denominator: ResolvedMetric, name: string, numeratorIsGauge: boolean): Observation {
  if (numeratorIsGauge || denominator.kind === 'gauge') {
    return { observed: null, unit: 'ratio', note: 'ratio compares two counters (or histogram counts), not gauges' };
  }
  const total = denominator.kind === 'histogram' ? denominator.histogram.count : denominator.kind === 'counter' ? denominator.total : 0;
  if (total > 0) return { observed: numerator / total, unit: 'ratio' };
  if (numerator === 0) return { observed: 0, unit: 'ratio' };
  return { observed: null, unit: 'ratio', note: `${name} is 0, so the ratio is undefined` };
}

function compare(observed: number, comparison: Comparison, limit: number): boolean {
  switch (comparison) {
    case '<':
      return observed < limit;
    case '<=':
      return observed <= limit;
    case '>':
      return observed > limit;
    case '>=':
      return observed >= limit;
    case '==':
      return observed === limit;
    case '!=':
      return observed !== limit;
  }
}
