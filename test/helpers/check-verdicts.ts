/** Runs the checks named in an expected table on a lab and compares every verdict with it. */
import type { Test } from 'tap';
import type { CheckResult, Verdict } from '../../src/checks/types.js';
import type { LabServer, ServerKind } from '../../src/lab/types.js';
import { describeResults, runChecksOnLab, wireText, type LabCheckOptions } from './checks.js';

export type ExpectedVerdicts = Record<string, Verdict>;

/** The servers the per-area check tests run on; jabberd2 has its own catalogue test (checks-jabberd2). */
export type AreaServer = Extract<ServerKind, 'prosody' | 'ejabberd'>;
export const AREA_SERVERS: readonly AreaServer[] = ['prosody', 'ejabberd'];

/** The offline checks that observe storage: skipped once a server refuses to store (no-offline). */
export const OFFLINE_STORAGE_SKIPPED: ExpectedVerdicts = {
  'xep0160.offline.unstored-types': 'skip',
  'xep0160.offline.chat-state-only': 'skip',
  'xep0160.offline.flush-on-presence': 'skip',
  'xep0160.offline.negative-priority-held': 'skip',
  'rfc6120.offline.order-once': 'skip',
  'xep0160.offline.delay-present': 'skip',
  'xep0203.offline.delay-stamp': 'skip',
  'xep0203.offline.forged-delay': 'skip',
};

/** The registration checks that need in-band registration: skipped once it is off (no-ibr). */
export const IBR_NEEDED_SKIPPED: ExpectedVerdicts = {
  'xep0077.register.missing-field': 'skip',
  'xep0077.register.empty-password': 'skip',
  'xep0077.register.conflict': 'skip',
  'xep0077.register.success': 'skip',
  'xep0077.register.cancel': 'skip',
  'xep0077.register.cancel-not-alone': 'skip',
  'xep0077.register.empty-password-change': 'skip',
};

export async function expectVerdicts(
  t: Test,
  lab: LabServer,
  expected: ExpectedVerdicts,
  options: LabCheckOptions = {},
): Promise<Map<string, CheckResult>> {
  const results = await runChecksOnLab(lab, Object.keys(expected), options);
  t.comment(`${lab.kind} ${lab.variant}${options.profile ? ` (${options.profile})` : ''}:\n${describeResults(results.values())}`);
  t.same([...results.keys()].sort(), Object.keys(expected).sort(), 'every expected check is registered and ran');
  for (const [id, verdict] of Object.entries(expected)) {
    const result = results.get(id);
    if (!result) continue;
    const diagnosis = result.verdict === verdict ? {} : { wire: wireText(result) };
    t.equal(result.verdict, verdict, `${id}: ${result.reason}`, diagnosis);
  }
  return results;
}

/** Asserts a known deviation: the verdict, and the observed behaviour in the reason and the wire. */
export function knownDeviation(t: Test, results: Map<string, CheckResult>, id: string, evidence: { reason: RegExp; wire?: RegExp }, why: string): void {
  const result = results.get(id);
  if (!result) {
    t.fail(`${id} did not run`);
    return;
  }
  t.match(result.reason, evidence.reason, `known deviation (${id}): ${why}`);
  if (evidence.wire) t.match(wireText(result), evidence.wire, `${id}: the wire log shows it`);
}
