/**
 * `gauntlet check`: conformance checks without a scenario file. Resolves the target (a real
 * server or a throwaway lab), runs the checks and writes result.json in the same format as a
 * run (no load: empty metrics), so reports, JUnit and merge tools read it alike.
 */
import { CATALOGUE, requirementChecks, selectChecks, type CheckResult } from '../checks/index.js';
import { MetricsRegistry, encodeRegistry } from '../metrics/index.js';
import type { Target } from '../scenario/index.js';
import { runConformance, type ConformanceOptions, type ConformanceResults } from './checks.js';
import { ErrorLog } from './error-log.js';
import { RESULT_FORMAT, defaultOutDir, environment, writeResult, type RunResult } from './result.js';
import { resolveTarget, type ResolvedTarget } from './target.js';

export interface CheckRunOptions extends ConformanceOptions {
  target: Target;
  version: string;
  out?: string;
  /** Receives a function that writes result.json with the checks finished so far (for a fatal exit). */
  onPartial?: (write: () => Promise<string>) => void;
}

export interface CheckRunOutcome {
  result: RunResult;
  file: string;
}

export async function runCheckCommand(options: CheckRunOptions): Promise<CheckRunOutcome> {
  const startedAt = new Date();
  // A selector that matches nothing is the user's typo: refuse it before a lab starts.
  selectChecks(CATALOGUE, { select: options.select, skip: options.skip });
  requirementChecks(options.require ?? []);
  const resolved = await resolveTarget(options.target);
  const name = `check-${resolved.summary.domain}`;
  const dir = options.out ?? defaultOutDir(name, startedAt);
  const finished: CheckResult[] = [];
  // If the process must stop on a bug, the checks finished so far are still written.
  options.onPartial?.(() => writeResult(dir, checkRunResult(options, resolved, name, startedAt, { checks: finished, requirements: [] }, true)));
  let checks: CheckResult[];
  let requirements: CheckResult[];
  try {
    ({ checks, requirements } = await runConformance(resolved, { ...options, onResult: (result) => (finished.push(result), options.onResult?.(result)) }));
  } finally {
    await resolved.lab?.stop();
  }
  const result = checkRunResult(options, resolved, name, startedAt, { checks, requirements }, options.signal?.aborted ?? false);
  const file = await writeResult(dir, result);
  return { result, file };
}

function checkRunResult(options: CheckRunOptions, resolved: ResolvedTarget, name: string, startedAt: Date, { checks, requirements }: ConformanceResults, interrupted: boolean): RunResult {
  const endedAt = new Date();
  return {
    format: RESULT_FORMAT,
    tool: { name: 'xmpp-gauntlet', version: options.version },
    // What was asked for, never a password.
    scenario: {
      name,
      command: 'check',
      target: options.target,
      checks: { select: options.select, skip: options.skip, require: options.require ?? [], profile: options.profile, accounts: typeof options.accounts === 'string' ? options.accounts : 'supplied' },
    },
    environment: environment(),
    target: resolved.summary,
    timings: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs: endedAt.getTime() - startedAt.getTime(), loadMs: 0, phases: [] },
    metrics: encodeRegistry(new MetricsRegistry({ startEpochMs: startedAt.getTime() })),
    thresholds: [],
    errors: new ErrorLog(startedAt.getTime()).toJSON(),
    interrupted,
    checks,
    ...(requirements.length > 0 ? { requirements } : {}),
  };
}
