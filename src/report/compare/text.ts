import { formatDuration } from '../../util/duration.js';
import { renderTable } from '../table.js';
import { percent } from './compare.js';
import type { Comparison, StatDelta } from './types.js';
import { renderVerdictChanges } from '../../checks/expectations.js';

const PRESENCE = { 'only-a': 'only in A', 'only-b': 'only in B' } as const;

/** REGRESSED, or why a statistic was not judged. */
export function statNote(s: StatDelta): string {
  if (s.regressed) return 'REGRESSED';
  if (!s.judged) return 'not judged';
  return s.enoughData ? '' : 'not enough data';
}

/** The comparison as console text: who is A and B, latency and counter tables, the verdict. */
export function renderComparisonText(comparison: Comparison): string {
  const { a, b, options } = comparison;
  const parts = [
    [`A  ${a.scenario} against ${a.target}, ${a.startedAt} (${a.file})`, `B  ${b.scenario} against ${b.target}, ${b.startedAt} (${b.file})`].join('\n'),
  ];
  if (comparison.warnings.length > 0) parts.push(comparison.warnings.map((warning) => `warning: ${warning}`).join('\n'));
  const latencyRows = comparison.latencies.flatMap((latency) => {
    if (latency.presence !== 'both') return [[latency.key, '', '', '', '', '', PRESENCE[latency.presence]]];
    return latency.stats.map((s, index) => [
      index === 0 ? `${latency.key} (${latency.aCount} → ${latency.bCount})` : '',
      s.stat,
      formatDuration(s.aMs),
      formatDuration(s.bMs),
      `${s.deltaMs >= 0 ? '+' : '-'}${formatDuration(Math.abs(s.deltaMs))}`,
      percent(s.relative),
      statNote(s),
    ]);
  });
  if (latencyRows.length > 0) parts.push(renderTable(['latency (samples A → B)', 'stat', 'A', 'B', 'Δ', 'Δ%', ''], latencyRows));
  const counterRows = comparison.counters.map((c) => [c.key, String(c.a), String(c.b), `${c.delta >= 0 ? '+' : ''}${c.delta}`, percent(c.relative), c.aPerSecond.toFixed(1), c.bPerSecond.toFixed(1)]);
  if (counterRows.length > 0) parts.push(renderTable(['counter', 'A', 'B', 'Δ', 'Δ%', 'A per s', 'B per s'], counterRows));
  if (comparison.checks) parts.push(renderVerdictChanges(comparison.checks, 'check verdicts A → B').trimEnd());
  const rule = `tolerance ${(options.tolerance * 100).toFixed(1)}%${options.minDeltaMs > 0 ? `, ignoring slow-downs under ${formatDuration(options.minDeltaMs)}` : ''}, percentiles judged on ${options.minSamples}+ samples beyond them`;
  parts.push(
    comparison.verdict === 'regressed'
      ? `REGRESSED (${rule}):\n${comparison.regressions.map((r) => `  ${r}`).join('\n')}`
      : `no regression (${rule})`,
  );
  return `${parts.join('\n\n')}\n`;
}
