/**
 * The console lines for deployment requirements (`--require`): kept apart from the RFC verdicts,
 * because a missing optional feature breaks the operator's expectation, not a spec. Pure.
 */
import type { ChalkInstance } from 'chalk';
import type { CheckResult } from '../checks/types.js';

const LABEL = { pass: 'present', fail: 'ABSENT', skip: 'unknown', error: 'error', warn: 'ABSENT', info: 'present' } as const;

export function renderRequirementsSummary(results: readonly CheckResult[], paint: ChalkInstance): string {
  const lines = results.map((r) => {
    const name = r.id.replace(/^require\./, '');
    const label = LABEL[r.verdict];
    const painted = r.verdict === 'pass' ? paint.green(label.padEnd(8)) : r.verdict === 'fail' ? paint.red(label.padEnd(8)) : paint.dim(label.padEnd(8));
    return `  ${painted} ${name} — ${r.reason}`;
  });
  const absent = results.filter((r) => r.verdict === 'fail').length;
  return `deployment requirements (--require): ${absent === 0 ? 'all met or unknown' : `${absent} not met`}\n${lines.join('\n')}\n`;
}

/** A required feature found absent fails the deployment's expectation (exit 1, like a failed MUST). */
export function requirementsUnmet(results: readonly CheckResult[] | undefined): boolean {
  return results?.some((r) => r.verdict === 'fail') ?? false;
}
