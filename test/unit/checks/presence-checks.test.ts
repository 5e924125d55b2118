/**
 * Area G checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken.
 */
import t from 'tap';
import { checks as all } from '../../../src/checks/presence/index.js';
import { FakeWorld } from './presence-fake-server.js';
import { checkById, proveOnFakeWorld, unbrokenIds, type BreakingFault } from './fake-world-proofs.js';

const checks = all.filter((c) => c.area === 'presence');

const BROKEN: BreakingFault[] = [
  ['rfc6121.presence.initial-broadcast', 'no-self-echo', /did not reach: the sending resource itself$/],
  ['rfc6121.presence.subsequent-broadcast', 'strip-extensions', /did not reach intact: the contact$/],
  ['rfc6121.presence.subsequent-broadcast', 'no-broadcast-update', /did not reach intact: the contact$/],
  ['rfc6121.presence.contact-presence-on-login', 'no-probe', /never got the contact's current presence/],
  ['rfc6121.presence.unavailable-broadcast', 'no-unavailable-broadcast', /got no unavailable presence/],
  ['rfc6121.presence.ungraceful-unavailable', 'no-ungraceful-unavailable', /no unavailable presence for .*\/dropped/],
  ['rfc6121.presence.subscribe-outbound', 'subscribe-from-full', /stamped from='.*\/desk', not the bare JID/],
  ['rfc6121.presence.subscribe-outbound', 'no-ask-push', /no roster push with ask='subscribe'/],
  ['rfc6121.presence.subscribe-offline-stored', 'strip-stored', /lost its <nick\/> extension/],
  ['rfc6121.presence.subscribe-offline-stored', 'store-twice', /2 copies of the request/],
  ['rfc6121.presence.subscribe-auto-reply', 'no-auto-reply', /delivered to the contact for approval/],
  ['rfc6121.presence.approval', 'push-before-subscribed', /after the roster push, not before/],
  ['rfc6121.presence.approval', 'no-presence-after-approval', /did not get the contact's current presence/],
  ['rfc6121.presence.unsubscribed-cancels', 'unsubscribed-first', /unavailable arrived after 'unsubscribed'/],
  ['rfc6121.presence.unsubscribe', 'no-unavailable-on-unsubscribe', /^missing: unavailable from the contact's resource/],
  ['rfc6121.presence.state-table-ignored', 'deliver-ignored', /None \+ inbound 'unsubscribed' → presence unsubscribed/],
  ['rfc6121.presence.pre-approval', 'route-preapproval', /was routed to the contact/],
  ['rfc6121.presence.directed', 'directed-in-broadcast', /later presence broadcast reached the directed-presence recipient/],
  ['rfc6121.presence.negative-priority', 'priority-mismatch', /got no echo|the contact saw priority/],
  ['rfc6121.presence.negative-priority', 'negative-no-presence', /stopped receiving its contact's presence/],
  ['rfc6121.presence.to-missing-user-ignored', 'bounce-missing-user', /answered with presence type='error'/],
  ['rfc6121.presence.to-missing-user-ignored', 'bounce-missing-user-from-domain', /answered with presence type='error' from 'fake\.example'/],
];

proveOnFakeWorld(t, 'presence', checks, BROKEN);

t.test('pre-approval is skipped when the feature is not advertised', async (t) => {
  const world = new FakeWorld();
  world.preApproval = false;
  const outcome = await checkById(checks, 'rfc6121.presence.pre-approval').run(world.context());
  t.same(outcome, { outcome: 'skip', reason: 'pre-approval (urn:xmpp:features:pre-approval) is not advertised' });
});

t.test('every presence check has a fault that breaks it', async (t) => {
  t.same(unbrokenIds(checks, BROKEN), []);
});
