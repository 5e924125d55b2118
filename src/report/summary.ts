import type { ChalkInstance } from 'chalk';
import type { RunResult } from '../engine/result.js';
import { GAUGES, decodeMetrics, summary } from '../metrics/index.js';
import { formatDuration } from '../util/duration.js';
import { terminalSafe } from '../util/terminal-text.js';
import { federatedDeliveryLines, messageDeliveryLines } from './delivery.js';
import { errorGroups } from './error-groups.js';
import { runVerdict } from './html/verdict.js';
import { renderTable } from './table.js';

const ms = (value: number) => formatDuration(value);
const SHOWN_ERROR_GROUPS = 5;

/** The end-of-run summary: latencies, counters, thresholds, errors. Pure: returns the text. */
export function renderSummary(result: RunResult, paint: ChalkInstance): string {
  const metrics = decodeMetrics(result.metrics);
  // Rates are over the load phases, not the lab start-up and account provisioning around them.
  const seconds = (result.timings.loadMs > 0 ? result.timings.loadMs : result.timings.durationMs) / 1000;
  const parts: string[] = [];
  const peakUsers = metrics.gaugeReading(GAUGES.liveUsers)?.max ?? 0;
  const lab = result.target.lab ? ` (lab ${result.target.lab.kind} ${result.target.lab.version}, ${result.target.lab.variant})` : '';
  const second = result.target.federatedWith;
  const federated = second ? ` federating with ${second.domain}${second.kind ? ` (lab ${second.kind} ${second.version})` : ''}` : '';
  parts.push(
    paint.bold(`${(result.scenario as { name?: string }).name ?? 'run'} against ${result.target.domain}`) +
      `${lab}${federated} — ${formatDuration(result.timings.durationMs)}, load ${formatDuration(result.timings.loadMs)}, peak users ${peakUsers}` +
      (result.interrupted ? paint.yellow(' (interrupted)') : ''),
  );
  // The verdict and what decided it come first, named (the same words as the HTML report's badge).
  const verdict = runVerdict(result);
  const colour = verdict.status === 'pass' ? paint.green : verdict.status === 'fail' ? paint.red : paint.yellow;
  parts[0] += `\n${colour(paint.bold(verdict.headline))}${verdict.reasons.length > 0 ? ` — ${verdict.reasons.join(' · ')}` : ''}`;

  const latencyRows = metrics.histogramKeys().flatMap((key) => {
    const s = summary(metrics, key);
    if (!s || s.count === 0) return [];
    const rate = seconds > 0 ? (s.count / seconds).toFixed(1) : '-';
    return [[key, String(s.count), rate, ms(s.minMs), ms(s.p50Ms), ms(s.p90Ms), ms(s.p99Ms), ms(s.p999Ms), ms(s.maxMs)]];
  });
  if (latencyRows.length > 0) {
    parts.push(renderTable(['latency', 'count', 'per s', 'min', 'p50', 'p90', 'p99', 'p99.9', 'max'], latencyRows));
  }

  const counterRows = metrics.counterKeys().map((key) => {
    const total = metrics.counterTotal(key) ?? 0;
    return [key, String(total), seconds > 0 ? (total / seconds).toFixed(1) : '-'];
  });
  if (counterRows.length > 0) parts.push(renderTable(['counter', 'total', 'per s'], counterRows));
  const delivery = [...messageDeliveryLines(metrics), ...federatedDeliveryLines(metrics)];
  if (delivery.length > 0) parts.push(delivery.join('\n'));

  if (result.thresholds.length > 0) {
    const rows = result.thresholds.map((t) => [
      `${t.metric}: ${t.expression}`,
      t.observed === null ? 'n/a' : `${Number(t.observed.toFixed(3))}${t.unit === 'ms' ? 'ms' : ''}`,
      t.ok ? paint.green('pass') : paint.red('FAIL'),
    ]);
    parts.push(renderTable(['threshold', 'observed', 'verdict'], rows));
  }

  const { errors } = result;
  if (errors.total > 0) {
    const groups = errorGroups(errors);
    const shown = groups.slice(0, SHOWN_ERROR_GROUPS).map((group) => `  ${String(group.count).padStart(6)}  ${group.kind}${group.step ? ` at ${group.step}` : ''}${group.condition ? ` (${group.condition})` : ''}: ${terminalSafe(group.message)}`);
    const more = groups.length > SHOWN_ERROR_GROUPS ? [`  … ${groups.length - SHOWN_ERROR_GROUPS} more kinds in the report`] : [];
    // Files written before errors were grouped: the first problem stands in.
    const first = groups.length === 0 && errors.sample[0] ? [`  first: [${errors.sample[0].step ?? '-'}] ${terminalSafe(errors.sample[0].message)}`] : [];
    parts.push([paint.red(`errors: ${errors.total}, most frequent first:`), ...shown, ...more, ...first].join('\n'));
  } else {
    parts.push(paint.green('errors: none'));
  }
  return `${parts.join('\n\n')}\n`;
}
