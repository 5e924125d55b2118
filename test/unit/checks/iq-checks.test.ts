/**
 * Area E checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken. (jid-malformed and no-such-user
 * are also seen failing on the real ejabberd baseline, see test/integration/checks-iq.test.ts.)
 */
import t from 'tap';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { checks } from '../../../src/checks/iq/index.js';
import { FakeWorld } from './presence-fake-server.js';

function byId(id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

const BROKEN: Array<[id: string, fault: string, reason: RegExp]> = [
  ['rfc6120.iq.one-reply-per-request', 'double-reply', /requests got more than one reply/],
  ['rfc6120.iq.payload-count', 'accept-bad-payload', /^no payload → result, expected <bad-request\/>/],
  ['rfc6120.iq.invalid-type', 'accept-bad-type', /→ result, expected error <bad-request\/>/],
  ['rfc6120.iq.no-to-handled-for-account', 'no-to-ignored', /error <service-unavailable\/>, expected a result/],
  ['rfc6120.iq.unknown-namespace', 'unknown-ns-result', /^no 'to' → result/],
  ['rfc6120.iq.error-syntax', 'error-two-conditions', /2 defined conditions/],
  ['rfc6120.iq.no-reply-to-response', 'answer-responses', /answered an unsolicited result/],
  ['rfc6121.iq.offline-resource', 'offline-resource-not-found', /error <item-not-found\/>/],
];

t.test('every IQ check passes on the conformant fake', async (t) => {
  for (const check of checks) {
    const outcome = await check.run(new FakeWorld().context());
    t.equal(outcome.outcome, 'pass', `${check.id}: ${outcome.reason}`);
  }
});

for (const [id, fault, reason] of BROKEN) {
  t.test(`${id} catches the fake fault '${fault}'`, async (t) => {
    const outcome = await byId(id).run(new FakeWorld(fault).context());
    t.equal(outcome.outcome, 'violation');
    t.match(outcome.reason, reason);
  });
}

t.test('every IQ check is proven able to fail (fake fault here or real deviation in the lab tests)', async (t) => {
  const provenOnLab = ['rfc6120.iq.jid-malformed', 'rfc6121.iq.no-such-user'];
  t.same(checks.map((c) => c.id).filter((id) => !BROKEN.some(([b]) => b === id) && !provenOnLab.includes(id)), []);
});
