/**
 * Area G (presence and subscriptions, RFC 6121 §3–§4, Appendix A) on the baseline labs. G3
 * (inbound probes from a peer server) belongs to the s2s checks. Each server breaks different
 * subscription rules; the deviations are recorded with their evidence.
 */
import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectVerdicts, knownDeviation, type ExpectedVerdicts } from '../helpers/check-verdicts.js';

const COMMON: ExpectedVerdicts = {
  'rfc6121.presence.initial-broadcast': 'pass',
  'rfc6121.presence.subsequent-broadcast': 'pass',
  'rfc6121.presence.contact-presence-on-login': 'pass',
  'rfc6121.presence.unavailable-broadcast': 'pass',
  'rfc6121.presence.ungraceful-unavailable': 'pass',
  'rfc6121.presence.subscribe-outbound': 'pass',
  'rfc6121.presence.subscribe-offline-stored': 'pass',
  'rfc6121.presence.subscribe-auto-reply': 'pass',
  'rfc6121.presence.approval': 'pass',
  'rfc6121.presence.unsubscribed-cancels': 'pass',
  'rfc6121.presence.unsubscribe': 'pass',
  'rfc6121.presence.state-table-ignored': 'pass',
  'rfc6121.presence.pre-approval': 'pass',
  'rfc6121.presence.directed': 'pass',
  'rfc6121.presence.negative-priority': 'pass',
  'rfc6121.presence.to-missing-user-ignored': 'pass',
};

t.test('prosody baseline: presence and subscriptions', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const results = await expectVerdicts(t, lab, { ...COMMON, 'rfc6121.presence.unsubscribed-cancels': 'fail', 'rfc6121.presence.unsubscribe': 'fail' });
  // RFC 6121 §3.2.2: unavailable first (while still subscribed), then 'unsubscribed'.
  knownDeviation(t, results, 'rfc6121.presence.unsubscribed-cancels', { reason: /^unavailable arrived after 'unsubscribed', not before$/ }, "Prosody routes 'unsubscribed' before the contact's unavailable presence");
  // RFC 6121 §3.3.3 rule 3: the contact's server sends unavailable from the contact's resources.
  knownDeviation(t, results, 'rfc6121.presence.unsubscribe', { reason: /^missing: unavailable from the contact's resource to the user$/ }, 'Prosody sends no unavailable presence to a user who unsubscribes');
});

t.test('ejabberd baseline: presence and subscriptions', async (t) => {
  const lab = await startLab('ejabberd');
  t.teardown(() => lab.stop());
  const results = await expectVerdicts(t, lab, {
    ...COMMON,
    'rfc6121.presence.subscribe-offline-stored': 'fail',
    'rfc6121.presence.approval': 'fail',
    'rfc6121.presence.pre-approval': 'skip',
  });
  t.match(results.get('rfc6121.presence.pre-approval')?.reason, /not advertised/, 'skip says why');
  // RFC 6121 §3.1.3 rule 4: the complete stanza, extended content included, is kept.
  knownDeviation(t, results, 'rfc6121.presence.subscribe-offline-stored', { reason: /lost its <nick\/> extension$/ }, 'ejabberd stores only the status text of an offline subscription request and rebuilds the stanza');
  // RFC 6121 §3.1.6 step 1: deliver 'subscribed' before the roster push.
  knownDeviation(t, results, 'rfc6121.presence.approval', { reason: /^'subscribed' reached the user after the roster push, not before$/ }, "ejabberd pushes subscription='to' before delivering 'subscribed'");
});
