/**
 * Area E checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken. (no-such-user is seen failing on the
 * real ejabberd baseline, and jid-malformed giving info there, see test/integration/checks-iq.test.ts.)
 */
import t from 'tap';
import { checks } from '../../../src/checks/iq/index.js';
import { FakeWorld } from './presence-fake-server.js';
import { checkById, proveOnFakeWorld, unbrokenIds, type BreakingFault } from './fake-world-proofs.js';

const BROKEN: BreakingFault[] = [
  ['rfc6120.iq.one-reply-per-request', 'double-reply', /requests got more than one reply/],
  ['rfc6120.iq.payload-count', 'accept-bad-payload', /^no payload → result, expected error <bad-request\/>/],
  ['rfc6120.iq.invalid-type', 'accept-bad-type', /→ result, expected error <bad-request\/>/],
  ['rfc6120.iq.no-to-handled-for-account', 'no-to-ignored', /error <service-unavailable\/>, expected a result/],
  ['rfc6120.iq.unknown-namespace', 'unknown-ns-result', /^no 'to' → result/],
  ['rfc6120.iq.error-syntax', 'error-two-conditions', /2 defined conditions/],
  ['rfc6120.iq.no-reply-to-response', 'answer-responses', /answered an unsolicited result/],
  ['rfc6121.iq.offline-resource', 'offline-resource-not-found', /error <item-not-found\/>/],
  ['rfc6120.iq.jid-malformed', 'malformed-to-result', /^to='a@b@domain' → result, expected error <jid-malformed\/>/],
];

proveOnFakeWorld(t, 'IQ', checks, BROKEN);

t.test('jid-malformed: another error condition is the secondary rule (no keyword), not the MUST', async (t) => {
  const outcome = await checkById(checks, 'rfc6120.iq.jid-malformed').run(new FakeWorld('malformed-to-bad-request').context());
  t.same(outcome, { outcome: 'violation', reason: "to='a@b@domain' → error <bad-request/>, expected error <jid-malformed/>", of: 'secondary' });
});

t.test('every IQ check is proven able to fail (fake fault here or real deviation in the lab tests)', async (t) => {
  const provenOnLab = ['rfc6121.iq.no-such-user'];
  t.same(unbrokenIds(checks, BROKEN, provenOnLab), []);
});
