import { rulesText } from '../../checks/rules/describe.js';
import type { CheckResult, WireEntry } from '../../checks/types.js';
import type { ThresholdResult } from '../../metrics/index.js';

/** What a testcase ended as, in JUnit's words. */
export type JunitOutcome =
  | { readonly kind: 'passed' }
  | { readonly kind: 'failure' | 'error'; readonly message: string; readonly type: string; readonly body: string }
  | { readonly kind: 'skipped'; readonly message: string };

export interface JunitTestcase {
  readonly classname: string;
  readonly name: string;
  /** Seconds; absent when the case has no duration of its own (thresholds). */
  readonly timeSeconds?: number;
  readonly outcome: JunitOutcome;
  /** Shown by CI next to the case: reasons of passing checks, warnings, observed values. */
  readonly systemOut?: string;
}

/**
 * One conformance check → one testcase. JUnit has no "warning": a broken SHOULD passes and its
 * reason goes to system-out, so a pipeline gates on MUSTs only (the exit code does the same).
 */
export function checkTestcase(check: CheckResult): JunitTestcase {
  const base = { classname: `xmpp.${check.area}`, name: `${check.id} — ${check.title}`, timeSeconds: check.durationMs / 1000 };
  const rule = rulesText(check);
  const citation = `${check.level} ${check.spec.map((ref) => `${ref.doc} §${ref.section}`).join(', ')}`.trim() + (rule ? `\nrule: ${rule}` : '');
  const details = `${citation}\n${check.reason}\n\n${wireLog(check.wire)}`;
  switch (check.verdict) {
    case 'fail':
      return { ...base, outcome: { kind: 'failure', message: check.reason, type: check.level, body: details } };
    case 'error':
      return { ...base, outcome: { kind: 'error', message: check.reason, type: 'gauntlet', body: details } };
    case 'skip':
      return { ...base, outcome: { kind: 'skipped', message: check.reason } };
    case 'warn':
      return { ...base, outcome: { kind: 'passed' }, systemOut: `WARNING (${check.level} not met): ${details}` };
    case 'pass':
    case 'info':
      return { ...base, outcome: { kind: 'passed' }, systemOut: `${citation}\n${check.reason}` };
  }
}

/** One threshold expression → one testcase named after it, `message_e2e: p(99) < 500ms`. */
export function thresholdTestcase(threshold: ThresholdResult): JunitTestcase {
  const observed = describeObserved(threshold);
  // Run health (health.*) is built in: its own class, so CI shows it apart from the scenario's thresholds.
  const base = { classname: threshold.metric.startsWith('health.') ? 'run-health' : 'thresholds', name: `${threshold.metric}: ${threshold.expression}` };
  if (threshold.ok) return { ...base, outcome: { kind: 'passed' }, systemOut: observed };
  return { ...base, outcome: { kind: 'failure', message: observed, type: 'threshold', body: observed } };
}

function describeObserved(threshold: ThresholdResult): string {
  const crossed = threshold.ok && threshold.firstFailedAtMs !== undefined ? `; it was failing ${(threshold.firstFailedAtMs / 1000).toFixed(1)}s into the load` : '';
  const note = `${threshold.note ? ` (${threshold.note})` : ''}${crossed}`;
  if (threshold.observed === null) return `not measured${note}`;
  const unit = threshold.unit === 'ms' ? ' ms' : threshold.unit === 'per_second' ? '/s' : '';
  return `observed ${Number(threshold.observed.toFixed(3))}${unit}${note}`;
}

/** `+12ms C→S raw#1 <stream:stream ...>`: one line per entry, offsets from the check's start. */
export function wireLog(entries: readonly WireEntry[]): string {
  if (entries.length === 0) return '(no wire log)';
  const arrows = { out: 'C→S', in: 'S→C', note: '---' } as const;
  return entries.map((entry) => `+${Math.round(entry.atMs)}ms ${arrows[entry.dir]} ${entry.conn} ${entry.text}`).join('\n');
}
