/**
 * Area G checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken.
 */
import t from 'tap';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { checks as all } from '../../../src/checks/presence/index.js';
import { FakeWorld } from './presence-fake-server.js';

const checks = all.filter((c) => c.area === 'presence');

function byId(id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

const BROKEN: Array<[id: string, fault: string, reason: RegExp]> = [
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
];

t.test('every presence check passes on the conformant fake', async (t) => {
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

t.test('pre-approval is skipped when the feature is not advertised', async (t) => {
  const world = new FakeWorld();
  world.preApproval = false;
  const outcome = await byId('rfc6121.presence.pre-approval').run(world.context());
  t.same(outcome, { outcome: 'skip', reason: 'pre-approval (urn:xmpp:features:pre-approval) is not advertised' });
});

t.test('every presence check has a fault that breaks it', async (t) => {
  t.same(checks.map((c) => c.id).filter((id) => !BROKEN.some(([b]) => b === id)), []);
});
