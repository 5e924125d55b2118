/**
 * Area H (message routing) on the baseline labs. Every MUST check passes or records its EITHER
 * branch as info, except one rule both servers break the same way (documented below).
 */
import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import type { ServerKind } from '../../src/lab/types.js';
import { expectVerdicts, knownDeviation, type ExpectedVerdicts } from '../helpers/check-verdicts.js';
import { runChecksOnLab } from '../helpers/checks.js';

const BASELINE: ExpectedVerdicts = {
  'rfc6121.message.bare-chat': 'info',
  'rfc6121.message.bare-normal': 'info',
  'rfc6121.message.negative-priority': 'pass',
  'rfc6121.message.bare-headline': 'pass',
  'rfc6121.message.bare-groupchat': 'pass',
  'rfc6121.message.bare-error-ignored': 'pass',
  'rfc6121.message.only-negative-priority': 'info',
  'rfc6121.message.full-jid': 'pass',
  'rfc6121.message.unknown-resource-chat': 'pass',
  // Known deviation on both servers, see below.
  'rfc6121.message.unknown-resource-other-types': 'fail',
  'rfc6121.message.no-such-user': 'info',
  'rfc6120.message.no-to': 'pass',
  'rfc6120.message.remote-server-not-found': 'pass',
  'rfc6120.message.in-order': 'pass',
};

for (const kind of ['prosody', 'ejabberd'] as ServerKind[]) {
  t.test(`${kind} baseline: message routing`, async (t) => {
    const lab = await startLab(kind);
    t.teardown(() => lab.stop());
    const results = await expectVerdicts(t, lab, BASELINE);

    t.match(results.get('rfc6121.message.bare-chat')?.reason, /'to' left as the bare JID/, 'the EITHER branch is named');
    t.match(results.get('rfc6121.message.no-such-user')?.reason, /service-unavailable|ignored/);
    // RFC 6121 §8.5.3.2.1: a normal message to a full JID with no such resource MUST be ignored or
    // refused. Both servers still follow RFC 3921 §11 and hand it to the bare JID's resources.
    knownDeviation(t, results, 'rfc6121.message.unknown-resource-other-types', { reason: /^normal reached another resource of the user$/ }, `${kind} reroutes a normal message for an offline resource to the online one (RFC 3921 behaviour)`);

    const legacy = await runChecksOnLab(lab, 'rfc6121.message.unknown-resource-other-types', { profile: 'rfc3920' });
    const underLegacy = legacy.get('rfc6121.message.unknown-resource-other-types');
    t.equal(underLegacy?.verdict, 'info', `the rfc3920 profile accepts the old rerouting: ${underLegacy?.reason}`);
  });
}
