/**
 * Area E checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken. (jid-malformed and no-such-user
 * are also seen failing on the real ejabberd baseline, see test/integration/checks-iq.test.ts.)
 */
import t from 'tap';
import { checks } from '../../../src/checks/iq/index.js';
import { proveOnFakeWorld, unbrokenIds, type BreakingFault } from './fake-world-proofs.js';

const BROKEN: BreakingFault[] = [
  ['rfc6120.iq.one-reply-per-request', 'double-reply', /requests got more than one reply/],
  ['rfc6120.iq.payload-count', 'accept-bad-payload', /^no payload → result, expected error <bad-request\/>/],
  ['rfc6120.iq.invalid-type', 'accept-bad-type', /→ result, expected error <bad-request\/>/],
  ['rfc6120.iq.no-to-handled-for-account', 'no-to-ignored', /error <service-unavailable\/>, expected a result/],
  ['rfc6120.iq.unknown-namespace', 'unknown-ns-result', /^no 'to' → result/],
  ['rfc6120.iq.error-syntax', 'error-two-conditions', /2 defined conditions/],
  ['rfc6120.iq.no-reply-to-response', 'answer-responses', /answered an unsolicited result/],
  ['rfc6121.iq.offline-resource', 'offline-resource-not-found', /error <item-not-found\/>/],
];

proveOnFakeWorld(t, 'IQ', checks, BROKEN);

t.test('every IQ check is proven able to fail (fake fault here or real deviation in the lab tests)', async (t) => {
  const provenOnLab = ['rfc6120.iq.jid-malformed', 'rfc6121.iq.no-such-user'];
  t.same(unbrokenIds(checks, BROKEN, provenOnLab), []);
});
