/**
 * Area F checks against the FAKE in-memory server: each passes on the conformant model and
 * reports a violation when the one rule it guards is broken. Rules no fault covers here are
 * broken by a real baseline server (test/integration/checks-roster.test.ts).
 */
import t from 'tap';
import type { CheckDefinition } from '../../../src/checks/types.js';
import { checks as rosterChecks } from '../../../src/checks/roster/index.js';
import { approvedAttribute } from '../../../src/checks/presence/pre-approval.js';
import { FakeWorld } from './presence-fake-server.js';
import { checkById, proveOnFakeWorld, unbrokenIds, type BreakingFault } from './fake-world-proofs.js';

const checks: CheckDefinition[] = [...rosterChecks, approvedAttribute];

const BROKEN: BreakingFault[] = [
  ['rfc6121.roster.get', 'roster-get-error', /^roster get → error <internal-server-error\/>/],
  ['rfc6121.roster.push-on-set', 'push-sender-only', /no roster push for the add .* reached resource 'two'$/],
  ['rfc6121.roster.push-syntax', 'push-from-full', /'from' is a full JID/],
  ['rfc6121.roster.client-state-ignored', 'store-client-state', /now claims subscription='both'/],
  ['rfc6121.roster.set-other-user-forbidden', 'other-user-set-stored', /→ error <forbidden\/>, nothing stored; the set changed the SENDER's own roster instead/],
  ['rfc6121.roster.remove-unknown', 'remove-unknown-ok', /→ result, expected error <item-not-found\/>/],
  ['rfc6121.roster.remove-push', 'remove-push-none', /no subscription='remove' push reached resource one/],
  ['rfc6121.roster.remove-cancels-subscriptions', 'remove-keeps-subscriptions', /did not get: presence type='unsubscribe'/],
  ['rfc6121.roster.ver-feature', 'no-rosterver-feature', /carries ver='1' but the rosterver feature is not advertised/],
  ['rfc6121.roster.ver-sync', 'ver-static', /unchanged from/],
  ['rfc6121.roster.approved-attribute', 'no-approved-attr', /without approved='true'/],
];

proveOnFakeWorld(t, 'roster', checks, BROKEN);

t.test('approved-attribute skips when pre-approval is not advertised', async (t) => {
  const world = new FakeWorld();
  world.preApproval = false;
  t.equal((await checkById(checks, 'rfc6121.roster.approved-attribute').run(world.context())).outcome, 'skip');
});

t.test("client-state-ignored proves nothing on a server that refuses every roster set: skip, not pass", async (t) => {
  const outcome = await checkById(checks, 'rfc6121.roster.client-state-ignored').run(new FakeWorld('refuse-roster-sets').context());
  t.equal(outcome.outcome, 'skip');
  t.match(outcome.reason, /refuses every roster set .*a plain set: error <not-allowed\/>/);
});

t.test('every roster check is proven able to fail (fake fault here or real deviation in the lab tests)', async (t) => {
  const provenOnLab = ['rfc6121.roster.get-with-items', 'rfc6121.roster.set-bad-request', 'rfc6121.roster.set-empty-group'];
  t.same(unbrokenIds(checks, BROKEN, provenOnLab), []);
});
