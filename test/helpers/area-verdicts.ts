/** One area's checks on a lab variant, every verdict compared with an expected table. */
import type { Test } from 'tap';
import type { CheckDefinition, CheckResult } from '../../src/checks/types.js';
import { startLab } from '../../src/lab/index.js';
import type { ServerKind, VariantName } from '../../src/lab/types.js';
import { expectVerdicts, type ExpectedVerdicts } from './check-verdicts.js';

/** Starts the lab (stopped at teardown), runs `checks` and compares every verdict with `expected`. */
export async function expectAreaVerdicts(
  t: Test,
  checks: readonly CheckDefinition[],
  lab: { kind: ServerKind; variant: VariantName },
  expected: ExpectedVerdicts,
): Promise<Map<string, CheckResult>> {
  const server = await startLab(lab.kind, { variant: lab.variant });
  t.teardown(() => server.stop());
  return expectVerdicts(t, server, expected, { catalogue: checks });
}
