import type { RunResult } from '../../engine/result.js';
import { decodeMetrics, type MetricsView } from '../../metrics/index.js';

/** What every section needs, worked out once. */
export interface ReportModel {
  readonly result: RunResult;
  readonly metrics: MetricsView;
  /** Rates are over the load phases, or the whole run when no phase ran. */
  readonly rateSeconds: number;
  readonly scenarioName: string;
  readonly scenarioDescription?: string;
}

function scenarioText(scenario: unknown, field: 'name' | 'description'): string | undefined {
  if (typeof scenario !== 'object' || scenario === null) return undefined;
  const value = (scenario as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

export function reportModel(result: RunResult): ReportModel {
  const { loadMs, durationMs } = result.timings;
  return {
    result,
    metrics: decodeMetrics(result.metrics),
    rateSeconds: (loadMs > 0 ? loadMs : durationMs) / 1000,
    scenarioName: scenarioText(result.scenario, 'name') ?? 'run',
    scenarioDescription: scenarioText(result.scenario, 'description'),
  };
}
