import { diffVerdicts, expectationsOf } from '../../checks/expectations.js';
import type { RunResult } from '../../engine/result.js';
import { decodeMetrics, parseMetricKey, type MetricsView } from '../../metrics/index.js';
import { formatDuration } from '../../util/duration.js';
import { COMPARED_STATS, type CompareOptions, type Comparison, type CounterComparison, type LatencyComparison, type RunLabel, type StatDelta } from './types.js';

export interface NamedResult {
  readonly file: string;
  readonly result: RunResult;
}

/** Counters of work done: one that falls to zero means the candidate stopped doing that work. */
function countsWorkDone(key: string): boolean {
  const { name, labels } = parseMetricKey(key);
  if (name === 'iterations') return labels.outcome === 'completed';
  if (name === 'stanzas_received') return labels.kind === 'message';
  return name === 'connections_opened' || name === 'stanzas_sent';
}

/**
 * Puts run B (the candidate) beside run A (the baseline): latency percentiles and counters with
 * deltas. B regressed when a judged percentile with enough samples in both runs is slower than A
 * by more than the tolerance and by at least `minDeltaMs`, when a latency A recorded is missing
 * from B, or when a counter of work done (messages, logins, completed iterations) fell to zero. Pure.
 */
export function compareResults(a: NamedResult, b: NamedResult, options: CompareOptions): Comparison {
  const metricsA = decodeMetrics(a.result.metrics);
  const metricsB = decodeMetrics(b.result.metrics);
  const warnings: string[] = [];
  const labelA = runLabel(a);
  const labelB = runLabel(b);
  if (labelA.scenario !== labelB.scenario) warnings.push(`different scenarios: "${labelA.scenario}" and "${labelB.scenario}"`);
  if (labelA.target !== labelB.target) warnings.push(`different targets: ${labelA.target} and ${labelB.target}`);
  const selected = selector(options.metrics);
  for (const wanted of options.metrics) {
    const all = [...metricsA.histogramKeys(), ...metricsB.histogramKeys(), ...metricsA.counterKeys(), ...metricsB.counterKeys()];
    if (!all.some(selector([wanted]))) warnings.push(`--metric ${wanted} matches nothing in either run`);
  }
  const latencies = union(metricsA.histogramKeys(), metricsB.histogramKeys())
    .filter(selected)
    .map((key) => compareLatency(key, metricsA, metricsB, options));
  const counters = union(metricsA.counterKeys(), metricsB.counterKeys())
    .filter(selected)
    .map((key) => compareCounter(key, metricsA, metricsB, loadSeconds(a.result), loadSeconds(b.result)));
  const regressions = [
    // Like a percentile, a disappearance counts only where A had enough samples to be no accident.
    ...latencies
      .filter((latency) => latency.presence === 'only-a' && latency.aCount >= options.minSamples)
      .map((latency) => `${latency.key} vanished (${latency.aCount} samples in A, none in B)`),
    ...latencies.flatMap((latency) =>
      latency.stats.filter((s) => s.regressed).map((s) => `${latency.key} ${s.stat} ${percent(s.relative)} (${formatDuration(s.aMs)} → ${formatDuration(s.bMs)})`),
    ),
    ...counters.filter(droppedToZero).map((counter) => `${counter.key} dropped to zero (${counter.a} in A)`),
  ];
  const checks = a.result.checks || b.result.checks ? diffVerdicts(expectationsOf(a.result.checks ?? []), expectationsOf(b.result.checks ?? [])) : undefined;
  return { a: labelA, b: labelB, options, warnings, latencies, counters, regressions, ...(checks ? { checks } : {}), verdict: regressions.length > 0 ? 'regressed' : 'ok' };
}

function compareLatency(key: string, a: MetricsView, b: MetricsView, options: CompareOptions): LatencyComparison {
  const histogramA = a.latency(key);
  const histogramB = b.latency(key);
  const presence = histogramA && histogramB ? 'both' : histogramA ? 'only-a' : 'only-b';
  const atUs = (histogram: typeof histogramA, percentile: number) =>
    !histogram ? 0 : percentile === 100 ? histogram.maxUs : histogram.valueAtPercentileUs(percentile);
  const stats = COMPARED_STATS.map(({ stat, percentile, judged }): StatDelta => {
    const aMs = atUs(histogramA, percentile) / 1000;
    const bMs = atUs(histogramB, percentile) / 1000;
    const deltaMs = bMs - aMs;
    const comparable = presence === 'both' && (histogramA?.count ?? 0) > 0 && (histogramB?.count ?? 0) > 0;
    const enoughData = comparable && beyond(histogramA!.count, percentile) >= options.minSamples && beyond(histogramB!.count, percentile) >= options.minSamples;
    // A sample percentile is itself uncertain: B is slower only if even the low end of B's range
    // for that percentile exceeds the high end of A's (with the tolerance and minimum delta).
    const lowB = enoughData ? atUs(histogramB, shifted(percentile, histogramB!.count, -1)) / 1000 : bMs;
    const highA = enoughData ? atUs(histogramA, shifted(percentile, histogramA!.count, 1)) / 1000 : aMs;
    const surely = lowB - highA;
    const regressed = enoughData && judged && deltaMs > 0 && surely > highA * options.tolerance && surely >= options.minDeltaMs;
    return { stat, aMs, bMs, deltaMs, relative: aMs > 0 ? deltaMs / aMs : null, judged, enoughData, regressed };
  });
  return { key, presence, aCount: histogramA?.count ?? 0, bCount: histogramB?.count ?? 0, stats, regressed: stats.some((s) => s.regressed) };
}

/**
 * One end of the range a sample percentile is likely in (normal approximation of the rank's
 * binomial spread; z = 1.96/√2 per side, so the two runs together make a 95 % test).
 */
function shifted(percentile: number, count: number, side: 1 | -1): number {
  const q = percentile / 100;
  const spread = 1.386 * Math.sqrt((q * (1 - q)) / count);
  return Math.min(100, Math.max(0, (q + side * spread) * 100));
}

/** Samples above the percentile: what its value rests on (p99 of 576 samples rests on 5). */
function beyond(count: number, percentile: number): number {
  return percentile >= 100 ? 0 : count * (1 - percentile / 100);
}

function droppedToZero(counter: CounterComparison): boolean {
  return countsWorkDone(counter.key) && counter.a > 0 && counter.b === 0;
}

function compareCounter(key: string, a: MetricsView, b: MetricsView, secondsA: number, secondsB: number): CounterComparison {
  const totalA = a.counterTotal(key) ?? 0;
  const totalB = b.counterTotal(key) ?? 0;
  const rate = (total: number, seconds: number) => (seconds > 0 ? total / seconds : 0);
  return {
    key,
    a: totalA,
    b: totalB,
    delta: totalB - totalA,
    relative: totalA > 0 ? (totalB - totalA) / totalA : null,
    aPerSecond: rate(totalA, secondsA),
    bPerSecond: rate(totalB, secondsB),
  };
}

/** `+12.3%`, `−4.0%`, or `n/a` when the baseline is 0. */
export function percent(relative: number | null): string {
  if (relative === null) return 'n/a';
  const value = (relative * 100).toFixed(1);
  return relative > 0 ? `+${value}%` : `${value}%`;
}

/** A key is selected when a selector names it, or names its metric with a subset of its labels. */
function selector(wanted: readonly string[]): (key: string) => boolean {
  if (wanted.length === 0) return () => true;
  const parsed = wanted.map(parseMetricKey);
  return (key) => {
    const candidate = parseMetricKey(key);
    return parsed.some((w) => w.name === candidate.name && Object.entries(w.labels).every(([label, value]) => candidate.labels[label] === value));
  };
}

function runLabel({ file, result }: NamedResult): RunLabel {
  const name = (result.scenario as { name?: unknown } | null)?.name;
  return {
    file,
    scenario: typeof name === 'string' ? name : 'run',
    target: `${result.target.domain}${result.target.lab ? ` (lab ${result.target.lab.kind} ${result.target.lab.version})` : ''}`,
    startedAt: result.timings.startedAt,
    toolVersion: result.tool.version,
  };
}

/** Rates are over the load phases (as in the summary), else the whole run. */
function loadSeconds(result: RunResult): number {
  return (result.timings.loadMs > 0 ? result.timings.loadMs : result.timings.durationMs) / 1000;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
