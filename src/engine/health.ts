/**
 * Run health: built-in checks every load run is judged on, whatever thresholds the scenario
 * sets, so a run where every login failed or nothing was delivered never passes. They are
 * reported like thresholds (named `health.*`): the summary, JUnit testcases, the HTML verdict,
 * and exit code 4 when one fails.
 */
import { LATENCY, keyName, parseMetricKey, type MetricsView, type ThresholdResult } from '../metrics/index.js';
import type { Scenario, Step } from '../scenario/types.js';
import { httpHealth } from '../http/health.js';

/** Default for `options.max_error_rate`: failed iterations over all finished ones. */
export const DEFAULT_MAX_ERROR_RATE = 0.1;
/** More failed logins than this (a fraction) and the run is broken, not slow. */
const MAX_LOGIN_FAILURE = 0.5;

const DELIVERY_METRICS: ReadonlySet<string> = new Set([
  LATENCY.messageE2e,
  LATENCY.federatedE2e,
  LATENCY.federatedFirstE2e,
  LATENCY.c2sToS2sE2e,
  LATENCY.s2sToC2sE2e,
  LATENCY.offlineDelivery,
]);

/** Sum of the counters named `name` whose labels pass `keep` (c2s only by default: no `side`). */
function total(view: MetricsView, name: string, keep: (labels: Record<string, string>) => boolean = (labels) => labels.side === undefined): number {
  return view
    .counterKeys()
    .filter((key) => keyName(key) === name && keep(parseMetricKey(key).labels as Record<string, string>))
    .reduce((sum, key) => sum + (view.counterTotal(key) ?? 0), 0);
}

function sendsMessages(steps: readonly Step[]): boolean {
  return steps.some((step) => step.kind === 'message' || (step.kind === 'loop' && sendsMessages(step.steps)));
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;

/**
 * A run that stopped on an error (the pre-flight login refused, accounts not provisioned) still
 * says so in its results: one failed verdict, so JUnit and the report never show an empty pass.
 */
export function failedRun(failure: unknown): ThresholdResult[] {
  if (failure === undefined) return [];
  const message = failure instanceof Error ? failure.message : String(failure);
  return [{ metric: 'health.run', expression: 'the run gets through its set-up and load', observed: null, unit: 'number', ok: false, note: message }];
}

export interface HealthInput {
  scenario: Scenario;
  metrics: MetricsView;
  /** Set when the run was stopped because the target stopped answering. */
  targetWentAway?: string;
}

/** The built-in verdicts of a load run; none for a checks-only scenario. */
export function judgeHealth(input: HealthInput): ThresholdResult[] {
  const http = (input.scenario.httpLoad?.length ?? 0) > 0 ? httpHealth(input.metrics, input.scenario.options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE) : [];
  return [...xmppHealth(input), ...http];
}

function xmppHealth({ scenario, metrics, targetWentAway }: HealthInput): ThresholdResult[] {
  if (!scenario.accounts || scenario.flow.length === 0) return [];
  const results: ThresholdResult[] = [];
  if (targetWentAway) {
    results.push({ metric: 'health.target', expression: 'the target keeps answering', observed: null, unit: 'number', ok: false, note: targetWentAway });
  }
  const opened = total(metrics, 'connections_opened');
  const failedLogins = total(metrics, 'connections_failed');
  if (opened + failedLogins > 0) {
    const observed = ratio(failedLogins, opened + failedLogins);
    results.push({
      metric: 'health.logins',
      expression: `failed logins <= ${percent(MAX_LOGIN_FAILURE)}`,
      observed,
      unit: 'ratio',
      ok: observed <= MAX_LOGIN_FAILURE,
      note: `${failedLogins} of ${opened + failedLogins} logins failed`,
    });
  }
  if (sendsMessages(scenario.flow)) {
    const delivered = metrics.histogramKeys().filter((key) => DELIVERY_METRICS.has(keyName(key))).reduce((sum, key) => sum + (metrics.latency(key)?.count ?? 0), 0);
    const sent = total(metrics, 'stanzas_sent', (labels) => labels.kind === 'message');
    results.push({
      metric: 'health.delivery',
      expression: 'messages the flow sends are delivered',
      observed: delivered,
      unit: 'number',
      ok: delivered > 0,
      note: `${delivered} delivered of ${sent} sent`,
    });
  }
  const completed = total(metrics, 'iterations', (labels) => labels.outcome === 'completed');
  const failed = total(metrics, 'iterations', (labels) => labels.outcome === 'failed');
  if (completed + failed > 0) {
    const limit = scenario.options.maxErrorRate ?? DEFAULT_MAX_ERROR_RATE;
    const observed = ratio(failed, completed + failed);
    results.push({
      metric: 'health.errors',
      expression: `failed iterations <= ${percent(limit)}`,
      observed,
      unit: 'ratio',
      ok: observed <= limit,
      note: `${failed} of ${completed + failed} iterations failed (options.max_error_rate)`,
    });
  }
  return results;
}
