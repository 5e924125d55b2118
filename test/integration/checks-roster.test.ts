/**
 * Area F (roster, RFC 6121 §2) on the baseline labs. Both servers break a few error-case and
 * versioning rules; each is a known deviation with its evidence, the checks stay strict.
 */
import t from 'tap';
import { startLab } from '../../src/lab/index.js';
import { expectVerdicts, knownDeviation, type ExpectedVerdicts } from '../helpers/check-verdicts.js';

const COMMON: ExpectedVerdicts = {
  'rfc6121.roster.get': 'pass',
  'rfc6121.roster.get-with-items': 'info', // INFO: the rule binds the client
  'rfc6121.roster.push-on-set': 'pass',
  'rfc6121.roster.push-syntax': 'pass',
  'rfc6121.roster.set-bad-request': 'pass',
  'rfc6121.roster.set-empty-group': 'pass',
  'rfc6121.roster.set-other-user-forbidden': 'pass',
  'rfc6121.roster.client-state-ignored': 'pass',
  'rfc6121.roster.remove-unknown': 'pass',
  'rfc6121.roster.remove-push': 'pass',
  'rfc6121.roster.remove-cancels-subscriptions': 'pass',
  'rfc6121.roster.ver-feature': 'pass',
  'rfc6121.roster.ver-sync': 'pass',
  'rfc6121.roster.approved-attribute': 'pass',
};

t.test('prosody baseline: roster', async (t) => {
  const lab = await startLab('prosody');
  t.teardown(() => lab.stop());
  const results = await expectVerdicts(t, lab, {
    ...COMMON,
    'rfc6121.roster.get-with-items': 'info',
    'rfc6121.roster.set-bad-request': 'fail',
    'rfc6121.roster.set-empty-group': 'fail',
    'rfc6121.roster.set-other-user-forbidden': 'fail',
    'rfc6121.roster.ver-sync': 'fail',
    'rfc6121.roster.approved-attribute': 'warn',
  });
  knownDeviation(t, results, 'rfc6121.roster.get-with-items', { reason: /→ result, expected error <bad-request\/>/ }, 'Prosody ignores <item/> children in a roster get and returns the roster');
  knownDeviation(t, results, 'rfc6121.roster.set-bad-request', { reason: /^duplicate groups → result/, wire: /<group>Pals<\/group><group>Pals<\/group>/ }, 'Prosody merges duplicate groups instead of refusing them (RFC 6121 §2.3.3)');
  knownDeviation(t, results, 'rfc6121.roster.set-empty-group', { reason: /^an empty group → result/ }, 'Prosody accepts an empty <group/> (RFC 6121 §2.3.3 wants not-acceptable)');
  knownDeviation(t, results, 'rfc6121.roster.set-other-user-forbidden', { reason: /→ error <service-unavailable\/>, expected error <forbidden\/>; neither roster changed/ }, "Prosody routes a roster set for another user's roster and answers service-unavailable, not forbidden (nothing is stored)");
  // The first roster get of a new account reports ver='1' and so does the roster after the
  // first item is added: a client caching the empty roster under '1' never learns of the item.
  knownDeviation(t, results, 'rfc6121.roster.ver-sync', { reason: /^ver is '1' after adding an item, unchanged from '1'$/ }, 'Prosody 0.12 gives the empty roster and the first stored roster the same ver');
  knownDeviation(t, results, 'rfc6121.roster.approved-attribute', { reason: /without approved='true'$/ }, "Prosody keeps pre-approvals (the later subscribe is approved) but does not show approved='true'");
});

t.test('ejabberd baseline: roster', async (t) => {
  const lab = await startLab('ejabberd');
  t.teardown(() => lab.stop());
  const results = await expectVerdicts(t, lab, {
    ...COMMON,
    'rfc6121.roster.set-empty-group': 'fail',
    'rfc6121.roster.remove-unknown': 'fail',
    // ejabberd advertises no pre-approval feature, so there is nothing to show.
    'rfc6121.roster.approved-attribute': 'skip',
  });
  knownDeviation(t, results, 'rfc6121.roster.set-empty-group', { reason: /→ error <bad-request\/>, expected error <not-acceptable\/>/ }, 'ejabberd refuses an empty group with bad-request instead of not-acceptable');
  knownDeviation(t, results, 'rfc6121.roster.remove-unknown', { reason: /→ result, expected error <item-not-found\/>/ }, 'ejabberd answers removing an unknown item with an empty result (RFC 6121 §2.5.3 wants item-not-found)');
});
