/**
 * The shared shape of the area E–G check unit tests: every check passes on the conformant
 * FakeWorld, and each named fault makes the check that guards its rule report a violation.
 */
import type { Test } from 'tap';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { FakeWorld } from './presence-fake-server.js';

/** A fake fault, the check it must break, and how the violation reads. */
export type BreakingFault = [id: string, fault: string, reason: RegExp];

export function checkById(checks: readonly CheckDefinition[], id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

/** Registers one test that all `checks` pass on the conformant fake and one per breaking fault. */
export function proveOnFakeWorld(t: Test, area: string, checks: readonly CheckDefinition[], broken: readonly BreakingFault[]): void {
  t.test(`every ${area} check passes on the conformant fake`, async (t) => {
    for (const check of checks) {
      const outcome = await check.run(new FakeWorld().context());
      t.equal(outcome.outcome, 'pass', `${check.id}: ${outcome.reason}`);
    }
  });

  for (const [id, fault, reason] of broken) {
    t.test(`${id} catches the fake fault '${fault}'`, async (t) => {
      const outcome = await checkById(checks, id).run(new FakeWorld(fault).context());
      t.equal(outcome.outcome, 'violation');
      t.match(outcome.reason, reason);
    });
  }
}

/** Ids of `checks` that no fault breaks and that are not proven failing elsewhere. */
export function unbrokenIds(checks: readonly CheckDefinition[], broken: readonly BreakingFault[], provenElsewhere: readonly string[] = []): string[] {
  return checks.map((c) => c.id).filter((id) => !broken.some(([b]) => b === id) && !provenElsewhere.includes(id));
}
