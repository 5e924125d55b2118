import { CATALOGUE, labAccounts, labTarget, parseSelectors, runChecks, selectChecks } from '../../src/checks/index.js';
import type { CheckDefinition, CheckProfile, CheckResult } from '../../src/checks/types.js';
import { labCa, labDns } from '../../src/lab/index.js';
import type { LabServer } from '../../src/lab/types.js';

export interface LabCheckOptions {
  skip?: string[] | string;
  profile?: CheckProfile;
  concurrency?: number;
  /** Run these definitions instead of the registered catalogue (tests of the engine itself). */
  catalogue?: readonly CheckDefinition[];
}

/** Runs the selected checks against a lab server (fresh lab accounts per check); results by id. */
export async function runChecksOnLab(lab: LabServer, select: string[] | string, options: LabCheckOptions = {}): Promise<Map<string, CheckResult>> {
  // An area's raw definitions are swapped for the catalogue's, which carry the rules (a secondary rule decides some verdicts).
  const catalogue = (options.catalogue ?? CATALOGUE).map((check) => CATALOGUE.find((c) => c.id === check.id) ?? check);
  const checks = selectChecks(catalogue, { select: parseSelectors(select), skip: parseSelectors(options.skip) });
  const results = await runChecks(checks, {
    target: await labTarget(lab),
    accounts: labAccounts(lab),
    profile: options.profile,
    concurrency: options.concurrency ?? 2,
    peers: { issuer: await labCa(), dns: await labDns() },
  });
  return new Map(results.map((result) => [result.id, result]));
}

/** One line per result, for t.comment / failure messages: verdict, id, reason. */
export function describeResults(results: Iterable<CheckResult>): string {
  return [...results].map((r) => `${r.verdict.padEnd(5)} ${r.id} — ${r.reason}`).join('\n');
}

/** The wire log of one result as text (for diagnosing a surprising verdict). */
export function wireText(result: CheckResult): string {
  return result.wire.map((w) => `${String(w.atMs).padStart(7)} ${w.dir.padEnd(4)} ${w.conn} ${w.text}`).join('\n');
}
