import type { RunResult } from '../engine/result.js';
import { decodeMetrics, summary } from '../metrics/index.js';
import { errorGroups } from './error-groups.js';

/** `--summary-json`: what a script needs from a run, on one JSON line (see docs/result-format.md). */
export interface SummaryJson {
  scenario: string;
  exitCode: number;
  passed: boolean;
  interrupted: boolean;
  stoppedEarly?: string;
  resultFile: string;
  reportFile?: string;
  thresholds: Array<{ metric: string; expression: string; observed: number | null; ok: boolean }>;
  errors: { total: number; groups: Array<{ kind: string; step?: string; condition?: string; count: number; message: string }> };
  latencies: Record<string, { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number }>;
  counters: Record<string, number>;
}

export function renderSummaryJson(result: RunResult, files: { exitCode: number; resultFile: string; reportFile?: string }): string {
  const metrics = decodeMetrics(result.metrics);
  const latencies: SummaryJson['latencies'] = {};
  for (const key of metrics.histogramKeys()) {
    const s = summary(metrics, key);
    if (s && s.count > 0) latencies[key] = { count: s.count, p50Ms: s.p50Ms, p90Ms: s.p90Ms, p99Ms: s.p99Ms, maxMs: s.maxMs };
  }
  const json: SummaryJson = {
    scenario: (result.scenario as { name?: string }).name ?? 'run',
    exitCode: files.exitCode,
    passed: files.exitCode === 0,
    interrupted: result.interrupted,
    ...(result.stoppedEarly ? { stoppedEarly: result.stoppedEarly } : {}),
    resultFile: files.resultFile,
    ...(files.reportFile ? { reportFile: files.reportFile } : {}),
    thresholds: result.thresholds.map(({ metric, expression, observed, ok }) => ({ metric, expression, observed, ok })),
    errors: { total: result.errors.total, groups: errorGroups(result.errors).map(({ kind, step, condition, count, message }) => ({ kind, step, condition, count, message })) },
    latencies,
    counters: Object.fromEntries(metrics.counterKeys().map((key) => [key, metrics.counterTotal(key) ?? 0])),
  };
  return `${JSON.stringify(json)}\n`;
}
