import { decodeMetrics, judgeThresholds, mergeMetrics, parseThresholdsOrThrow, type MetricsJson, type ThresholdSpec } from '../metrics/index.js';
import { GauntletError } from '../util/errors.js';
import { mostFrequentFirst, type ErrorGroup, type ErrorSample, type ErrorsJson } from './error-log.js';
import type { Scenario } from '../scenario/index.js';
import { judgeHealth } from './health.js';
import type { PhaseTiming, RunResult } from './result.js';
import { checkSegments } from './merge-segments.js';

export interface ShardResult {
  /** Where the shard came from, for error messages. */
  readonly file: string;
  readonly result: RunResult;
}

/** What makes two results shards of one test: the same name, load, flow and thresholds. */
const SAME_TEST = ['name', 'load', 'flow', 'thresholds'] as const;
const ERROR_SAMPLE_LIMIT = 50;

/**
 * Merges shards of one scenario (several machines or processes) into one result: histograms
 * added, counters summed, series aligned by wall-clock second (mergeMetrics), timings spanning
 * every shard, thresholds evaluated again on the merged metrics, checks kept per shard. Segments
 * (`--segment`) must be of one scenario digest and not overlap; missing ones only with
 * `allowPartial` (docs/segments.md). Pure.
 */
export function mergeResults(shards: readonly ShardResult[], options: { allowPartial?: boolean } = {}): RunResult {
  const coverage = shards.length > 0 ? checkSegments(shards, options.allowPartial ?? false) : undefined;
  if (shards.length < (coverage ? 1 : 2)) {
    throw new GauntletError('usage', `merge needs at least two results, got ${shards.length}`, { hint: 'gauntlet merge shard1/result.json shard2/result.json --out DIR' });
  }
  const [first] = shards as [ShardResult, ...ShardResult[]];
  for (const shard of shards.slice(1)) checkSameTest(first, shard);
  const results = shards.map((shard) => shard.result);
  const metrics = results.map((r) => r.metrics).reduce(mergeMetrics);
  const scenario = first.result.scenario as { thresholds?: ThresholdSpec };
  const thresholds = parseThresholdsOrThrow(scenario.thresholds ?? {});
  const startedAt = earliest(results.map((r) => r.timings.startedAt));
  const endedAt = latest(results.map((r) => r.timings.endedAt));
  const phases = mergePhases(results.map((r) => r.timings.phases));
  const phaseMetrics = mergePhaseMetrics(results);
  const phaseViews = new Map(Object.entries(phaseMetrics ?? {}).map(([label, json]) => [label, decodeMetrics(json)]));
  const checks = results.flatMap((result, index) => (result.checks ?? []).map((check) => ({ ...check, tags: [...check.tags, `shard-${index + 1}`] })));
  const { segment: _ownSegment, startAt: _ownStart, ...rest } = first.result;
  return {
    ...rest,
    ...(coverage ? { segments: coverage } : {}),
    timings: {
      startedAt,
      endedAt,
      durationMs: Date.parse(endedAt) - Date.parse(startedAt),
      loadMs: phases.length === 0 ? 0 : Date.parse(latest(phases.map((p) => p.endedAt))) - Date.parse(earliest(phases.map((p) => p.startedAt))),
      phases,
    },
    metrics,
    thresholds: [
      ...judgeHealth({ scenario: first.result.scenario as Scenario, metrics: decodeMetrics(metrics), targetWentAway: results.find((r) => r.stoppedEarly)?.stoppedEarly }),
      ...judgeThresholds(thresholds, decodeMetrics(metrics), phaseViews),
    ],
    errors: mergeErrors(results, Date.parse(startedAt)),
    interrupted: results.some((r) => r.interrupted),
    ...(checks.length > 0 ? { checks } : {}),
    ...(phaseMetrics ? { phaseMetrics } : {}),
  };
}

/** Each phase's metrics merged across the shards that recorded it (present when phase thresholds are). */
function mergePhaseMetrics(results: readonly RunResult[]): Record<string, MetricsJson> | undefined {
  const withPhases = results.flatMap((result) => (result.phaseMetrics ? [result.phaseMetrics] : []));
  if (withPhases.length === 0) return undefined;
  const merged: Record<string, MetricsJson> = {};
  for (const phases of withPhases) {
    for (const [label, metrics] of Object.entries(phases)) merged[label] = merged[label] ? mergeMetrics(merged[label], metrics) : metrics;
  }
  return merged;
}

function checkSameTest(first: ShardResult, other: ShardResult): void {
  const a = first.result.scenario as Record<string, unknown>;
  const b = other.result.scenario as Record<string, unknown>;
  const differing = SAME_TEST.filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
  if (differing.length === 0) return;
  throw new GauntletError('usage', `${other.file} is not a shard of the same scenario as ${first.file}: its ${differing.join(', ')} differ${differing.length === 1 ? 's' : ''}`, {
    hint: 'merge only results of one scenario (same name, load, flow and thresholds); to put different runs side by side use gauntlet compare',
  });
}

/** Phase i of the merge spans phase i of every shard that ran it. */
function mergePhases(perShard: readonly (readonly PhaseTiming[])[]): PhaseTiming[] {
  const count = Math.max(0, ...perShard.map((phases) => phases.length));
  return Array.from({ length: count }, (_, index) => {
    const same = perShard.flatMap((phases) => (phases[index] ? [phases[index]] : []));
    const startedAt = earliest(same.map((p) => p.startedAt));
    const endedAt = latest(same.map((p) => p.endedAt));
    return { name: same[0]!.name, executor: same[0]!.executor, startedAt, endedAt, durationMs: Date.parse(endedAt) - Date.parse(startedAt) };
  });
}

/** Totals add up; the sample keeps the earliest problems of all shards, timed from the merged start. */
function mergeErrors(results: readonly RunResult[], mergedStartMs: number): ErrorsJson {
  const byKind: Record<string, number> = {};
  const sample: ErrorSample[] = [];
  for (const result of results) {
    for (const [kind, count] of Object.entries(result.errors.byKind)) byKind[kind] = (byKind[kind] ?? 0) + count;
    const shift = Date.parse(result.timings.startedAt) - mergedStartMs;
    sample.push(...result.errors.sample.map((error) => ({ ...error, atMs: error.atMs + shift })));
  }
  sample.sort((x, y) => x.atMs - y.atMs);
  const total = results.reduce((sum, r) => sum + r.errors.total, 0);
  return { total, byKind, sample: sample.slice(0, ERROR_SAMPLE_LIMIT), groups: mergeGroups(results, mergedStartMs) };
}

/** Groups of the same kind, step and condition add up. */
function mergeGroups(results: readonly RunResult[], mergedStartMs: number): ErrorGroup[] {
  const merged = new Map<string, ErrorGroup>();
  for (const result of results) {
    const shift = Date.parse(result.timings.startedAt) - mergedStartMs;
    for (const group of result.errors.groups ?? []) {
      const key = `${group.kind}\0${group.step ?? ''}\0${group.condition ?? ''}`;
      const seen = merged.get(key);
      if (!seen) merged.set(key, { ...group, firstAtMs: group.firstAtMs + shift });
      else merged.set(key, { ...seen, count: seen.count + group.count, ...(group.firstAtMs + shift < seen.firstAtMs ? { message: group.message, firstAtMs: group.firstAtMs + shift } : {}) });
    }
  }
  return [...merged.values()].sort(mostFrequentFirst);
}

function earliest(isoTimes: readonly string[]): string {
  return isoTimes.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

function latest(isoTimes: readonly string[]): string {
  return isoTimes.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
