import type { RunResult } from '../../engine/result.js';

export interface RunVerdict {
  /** CSS class and colour: the same rules as the exit codes (README "Exit codes"). */
  readonly status: 'pass' | 'fail' | 'warn';
  readonly headline: 'PASSED' | 'FAILED' | 'INTERRUPTED';
  /** Why, in a few words each; empty for a clean pass. */
  readonly reasons: readonly string[];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Failed MUST checks and crossed thresholds (run health included) fail a run; an interruption leaves it unfinished. */
export function runVerdict(result: RunResult): RunVerdict {
  const checks = result.checks ?? [];
  const count = (verdict: string) => checks.filter((check) => check.verdict === verdict).length;
  const crossed = result.thresholds.filter((threshold) => !threshold.ok);
  const failing: string[] = [];
  if (result.stoppedEarly) failing.push(result.stoppedEarly);
  if (count('fail') > 0) failing.push(`${plural(count('fail'), 'conformance check')} failed`);
  const absent = (result.requirements ?? []).filter((r) => r.verdict === 'fail').length;
  if (absent > 0) failing.push(`${plural(absent, 'required feature')} absent`);
  // Named, run health first (thresholds are stored that way): the reader sees what broke at once.
  for (const threshold of crossed) {
    if (threshold.metric === 'health.target' && result.stoppedEarly) continue;
    const builtIn = threshold.metric.startsWith('health.');
    failing.push(builtIn ? `${threshold.metric}: ${threshold.note ?? threshold.expression}` : `${threshold.metric}: ${threshold.expression} crossed`);
  }
  const notes: string[] = [];
  if (count('warn') > 0) notes.push(`${plural(count('warn'), 'SHOULD check')} not met`);
  if (count('error') > 0) notes.push(`${plural(count('error'), 'check')} could not run`);
  if (result.errors.total > 0) notes.push(plural(result.errors.total, 'error'));
  if (result.interrupted) return { status: 'warn', headline: 'INTERRUPTED', reasons: ['partial results', ...failing, ...notes] };
  if (failing.length > 0) return { status: 'fail', headline: 'FAILED', reasons: [...failing, ...notes] };
  return { status: 'pass', headline: 'PASSED', reasons: notes };
}
