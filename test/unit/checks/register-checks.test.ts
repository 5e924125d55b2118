/**
 * The area J checks against a fake registrar (register-fake-registrar.ts): each passes on the
 * well-behaved fake and reports a violation when the fake breaks the rule it checks.
 */
import t from 'tap';
import { checks } from '../../../src/checks/register/index.js';
import type { CheckOutcome } from '../../../src/checks/types.js';
import { FakeRegistrar, type RegisterQuirk } from './register-fake-registrar.js';

async function run(id: string, ...quirks: RegisterQuirk[]): Promise<{ outcome: CheckOutcome; registrar: FakeRegistrar }> {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  const registrar = new FakeRegistrar(...quirks);
  return { outcome: await check.run(registrar.context()), registrar };
}

const CASES: Array<[id: string, quirk: RegisterQuirk, reason: RegExp]> = [
  ['xep0077.register.before-tls', 'form-before-tls', /served on an unencrypted stream \(and the feature advertised there\)/],
  ['xep0077.register.fields', 'ibr-off-stream-error', /got a <not-authorized\/> stream error \(the register feature is not advertised\)/],
  ['xep0077.register.missing-field', 'missing-bad-request', /got an IQ error <bad-request\/>/],
  ['xep0077.register.missing-field', 'missing-accepted', /a registration with no <password\/> was accepted/],
  ['xep0077.register.empty-password', 'empty-accepted', /an empty <password\/> was accepted/],
  ['xep0077.register.success', 'result-without-account', /registered, but the new account cannot log in/],
  ['xep0077.register.conflict', 'overwrite', /got an IQ result; the first password no longer works/],
  ['xep0077.register.cancel', 'remove-ignored', /but the account still logs in/],
  ['xep0077.register.cancel', 'keep-subscriptions', /the contact saw no unsubscribed presence or roster push/],
  ['xep0077.register.cancel-not-alone', 'remove-not-alone', /the account was removed \(an IQ result\)/],
  ['xep0077.register.empty-password-change', 'empty-password-change', /got an IQ result and the old password no longer works/],
];

for (const check of checks) {
  t.test(`${check.id} passes on the well-behaved fake`, async (t) => {
    const { outcome, registrar } = await run(check.id);
    t.equal(outcome.outcome, 'pass', outcome.reason);
    const left = [...registrar.passwords.keys()].filter((jid) => jid.startsWith('gauntlet-ibr-'));
    t.same(left, [], 'no throwaway account is left behind');
  });
}

for (const [id, quirk, reason] of CASES) {
  t.test(`${id} notices ${quirk}`, async (t) => {
    const { outcome } = await run(id, quirk);
    t.equal(outcome.outcome, 'violation', outcome.reason);
    t.match(outcome.reason, reason);
  });
}

t.test('with IBR off: the form request passes on service-unavailable, the rest skips', async (t) => {
  const fields = await run('xep0077.register.fields', 'ibr-off');
  t.same(fields.outcome, { outcome: 'pass', reason: 'IBR disabled: answered <service-unavailable/> (the register feature is not advertised)' });
  for (const check of checks.filter((c) => c.needs?.registration)) {
    const { outcome } = await run(check.id, 'ibr-off');
    t.equal(outcome.outcome, 'skip', check.id);
    t.match(outcome.reason, /^IBR disabled/);
  }
});
