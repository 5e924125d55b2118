/**
 * Known failures for CI gates: the verdicts a server is expected to get (from an earlier
 * result.json or an expectations file), and how this run's verdicts moved against them. Only a
 * verdict that got worse — a new failure among them — is a regression; fixed ones are reported.
 */
import { parse, stringify } from 'yaml';
import { GauntletError } from '../util/errors.js';
import type { CheckResult, Verdict } from './types.js';

export const EXPECTATIONS_FORMAT = 'xmpp-gauntlet/expectations@1';

/** Check id → the verdict it is expected to get. A check missing from the file is expected to pass. */
export type Expectations = Record<string, Verdict>;

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'warn', 'skip', 'error', 'info'];

/** How bad a verdict is for a gate. `error` is as bad as `warn` (nothing was verified). */
const BADNESS: Record<Verdict, number> = { pass: 0, info: 0, skip: 0, warn: 1, error: 1, fail: 2 };

/** Worse: more bad than expected, or a check that gave a clean verdict now skipped (the gate would lose sight of it). */
function isWorse(expected: Verdict, actual: Verdict): boolean {
  if (actual === 'skip') return expected === 'pass' || expected === 'info';
  return BADNESS[actual] > BADNESS[expected];
}

export interface VerdictChange {
  id: string;
  /** Undefined when the check is not in the expectations (expected to pass). */
  expected?: Verdict;
  /** Undefined when the check did not run this time. */
  actual?: Verdict;
  kind: 'worse' | 'fixed' | 'changed';
}

export interface ExpectationsDiff {
  changes: VerdictChange[];
  worse: VerdictChange[];
  fixed: VerdictChange[];
}

export function expectationsOf(checks: readonly CheckResult[]): Expectations {
  return Object.fromEntries(checks.map((check) => [check.id, check.verdict]));
}

/** The checks whose verdict differs; a check that did not run this time is no regression. */
export function diffVerdicts(expected: Expectations, actual: Expectations): ExpectationsDiff {
  const ids = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const changes: VerdictChange[] = [];
  for (const id of ids) {
    const before = expected[id];
    const after = actual[id];
    if (before === after) continue;
    if (before === undefined && after === 'pass') continue;
    const kind = after !== undefined && isWorse(before ?? 'pass', after) ? 'worse' : after === 'pass' && BADNESS[before ?? 'pass'] > 0 ? 'fixed' : 'changed';
    changes.push({ id, ...(before ? { expected: before } : {}), ...(after ? { actual: after } : {}), kind });
  }
  return { changes, worse: changes.filter((c) => c.kind === 'worse'), fixed: changes.filter((c) => c.kind === 'fixed') };
}

/** The expectations file `--write-expect` writes: YAML, one line per check, easy to edit and review. */
export function renderExpectations(checks: readonly CheckResult[], target: string): string {
  const header = `# Verdicts gauntlet check expects from ${target}; \`gauntlet check --expect THIS_FILE\` exits 1 only when one gets worse.\n`;
  return header + stringify({ format: EXPECTATIONS_FORMAT, target, checks: expectationsOf(checks) });
}

/** Reads a result.json (its checks' verdicts) or an expectations file (YAML or JSON). */
export function parseExpectations(text: string, file: string): Expectations {
  let data: unknown;
  try {
    data = parse(text);
  } catch (cause) {
    throw invalid(file, `it is neither JSON nor YAML (${(cause as Error).message})`);
  }
  const checks = (data as { checks?: unknown } | null)?.checks;
  if (Array.isArray(checks)) return expectationsOf(checks as CheckResult[]);
  if ((data as { format?: unknown }).format !== EXPECTATIONS_FORMAT || typeof checks !== 'object' || checks === null) {
    throw invalid(file, `expected a result.json with checks, or a file with format: ${EXPECTATIONS_FORMAT} and a checks map`);
  }
  const entries = Object.entries(checks as Record<string, unknown>);
  const wrong = entries.find(([, verdict]) => !VERDICTS.includes(verdict as Verdict));
  if (wrong) throw invalid(file, `check ${wrong[0]}: ${JSON.stringify(wrong[1])} is not a verdict (${VERDICTS.join(', ')})`);
  return Object.fromEntries(entries) as Expectations;
}

function invalid(file: string, why: string): GauntletError {
  return new GauntletError('usage', `${file} cannot be used as expectations: ${why}`, { hint: 'write one with gauntlet check ... --write-expect expectations.yaml' });
}

/** Console lines for a diff: what got worse, what was fixed, what else changed. */
export function renderVerdictChanges(diff: ExpectationsDiff, heading: string): string {
  if (diff.changes.length === 0) return `${heading}: no verdict changed\n`;
  const label = { worse: 'WORSE', fixed: 'fixed', changed: 'changed' } as const;
  const lines = diff.changes.map((c) => `  ${label[c.kind].padEnd(7)} ${c.id}: ${c.expected ?? '(none)'} → ${c.actual ?? '(not run)'}`);
  const counts = `${diff.worse.length} worse, ${diff.fixed.length} fixed, ${diff.changes.length - diff.worse.length - diff.fixed.length} other change(s)`;
  return `${heading}: ${counts}\n${lines.join('\n')}\n`;
}
