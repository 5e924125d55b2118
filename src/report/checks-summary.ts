/**
 * The console summary of conformance checks: one row per area with counts per verdict, then
 * every check that did not pass (fail, error, warn first) with its reason. Pure: returns text.
 */
import type { ChalkInstance } from 'chalk';
import type { CheckResult, Verdict } from '../checks/types.js';
import { terminalSafe } from '../util/terminal-text.js';
import { renderTable } from './table.js';

/** Worst first: the order of columns and of the detail lines. */
const ORDER: readonly Verdict[] = ['fail', 'error', 'warn', 'skip', 'info', 'pass'];

function paintVerdict(verdict: Verdict, paint: ChalkInstance): (text: string) => string {
  switch (verdict) {
    case 'fail':
    case 'error':
      return paint.red;
    case 'warn':
      return paint.yellow;
    case 'pass':
      return paint.green;
    default:
      return paint.dim;
  }
}

export function renderChecksSummary(results: readonly CheckResult[], paint: ChalkInstance, options: { details?: boolean } = {}): string {
  if (results.length === 0) return 'checks: none selected\n';
  const areas = [...new Set(results.map((r) => r.area))];
  const count = (list: readonly CheckResult[], verdict: Verdict) => list.filter((r) => r.verdict === verdict).length;
  const rows = areas.map((area) => {
    const inArea = results.filter((r) => r.area === area);
    return [area, ...ORDER.map((verdict) => String(count(inArea, verdict) || '-')), String(inArea.length)];
  });
  rows.push(['all', ...ORDER.map((verdict) => String(count(results, verdict))), String(results.length)]);
  const parts = [renderTable(['checks', ...ORDER, 'total'], rows)];

  if (options.details !== false) {
    const notable = results
      .filter((r) => r.verdict !== 'pass')
      .sort((a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict));
    const lines = notable.map((r) => `${paintVerdict(r.verdict, paint)(r.verdict.padEnd(5))} ${r.id} [${r.level}] — ${terminalSafe(r.reason)}`);
    if (lines.length > 0) parts.push(lines.join('\n'));
  }
  // The security profile is reported apart from the RFC verdicts.
  const insecure = results.filter((r) => r.verdict === 'fail' && r.level === 'SECURITY').length;
  const failed = count(results, 'fail') - insecure;
  const security = insecure > 0 ? paint.red(`; ${insecure} security-profile check(s) failed`) : '';
  const verdictLine = (failed > 0 ? paint.red(`${failed} MUST check(s) failed`) : paint.green('no MUST check failed')) + security;
  parts.push(verdictLine + (count(results, 'error') > 0 ? paint.yellow(` (${count(results, 'error')} could not run: tool or network problems)`) : ''));
  return `${parts.join('\n\n')}\n`;
}
