/**
 * The exit code of `gauntlet check` (docs/exit-codes.md): a failed MUST wins; otherwise a run
 * where the whole-run deadline passed, or where at least half of the checks that ran could not
 * finish (verdict `error`: refused, unreachable, timed out), exits as "unreachable".
 */
import type { CheckResult } from '../checks/index.js';
import { EXIT } from './exit-codes.js';

export function checkExitCode(checks: readonly CheckResult[], stopped: { byUser: boolean; byDeadline: boolean }): number {
  if (stopped.byUser) return EXIT.interrupted;
  if (checks.some((check) => check.verdict === 'fail')) return EXIT.checksFailed;
  if (stopped.byDeadline) return EXIT.unreachable;
  const ran = checks.filter((check) => check.verdict !== 'skip');
  const couldNotRun = ran.filter((check) => check.verdict === 'error').length;
  if (couldNotRun > 0 && couldNotRun * 2 >= ran.length) return EXIT.unreachable;
  return EXIT.ok;
}
