/**
 * `gauntlet check`: conformance checks without a scenario file. Resolves the target (a real
 * server or a throwaway lab), runs the checks and writes result.json in the same format as a
 * run (no load: empty metrics), so reports, JUnit and merge tools read it alike.
 */
import { CATALOGUE, requirementChecks, selectChecks, type CheckResult } from '../checks/index.js';
import { MetricsRegistry, encodeRegistry } from '../metrics/index.js';
import type { Target } from '../scenario/index.js';
import { runConformance, type ConformanceOptions } from './checks.js';
import { ErrorLog } from './error-log.js';
import { RESULT_FORMAT, defaultOutDir, environment, writeResult, type RunResult } from './result.js';
import { resolveTarget } from './target.js';

export interface CheckRunOptions extends ConformanceOptions {
  target: Target;
  version: string;
  out?: string;
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
  let checks: CheckResult[];
  let requirements: CheckResult[];
  try {
    ({ checks, requirements } = await runConformance(resolved, options));
  } finally {
    await resolved.lab?.stop();
  }
  const endedAt = new Date();
  const name = `check-${resolved.summary.domain}`;
  const result: RunResult = {
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
    interrupted: options.signal?.aborted ?? false,
    checks,
    ...(requirements.length > 0 ? { requirements } : {}),
  };
  const file = await writeResult(options.out ?? defaultOutDir(name, startedAt), result);
  return { result, file };
}
