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

const checks: CheckDefinition[] = [...rosterChecks, approvedAttribute];

function byId(id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check;
}

const BROKEN: Array<[id: string, fault: string, reason: RegExp]> = [
  ['rfc6121.roster.get', 'roster-get-error', /^roster get on a new account → error <internal-server-error\/>/],
  ['rfc6121.roster.push-on-set', 'push-sender-only', /no roster push for the add .* reached resource 'two'$/],
  ['rfc6121.roster.push-syntax', 'push-from-full', /'from' is a full JID/],
  ['rfc6121.roster.client-state-ignored', 'store-client-state', /now claims subscription='both'/],
  ['rfc6121.roster.remove-unknown', 'remove-unknown-ok', /→ result, expected error <item-not-found\/>/],
  ['rfc6121.roster.remove-push', 'remove-push-none', /no subscription='remove' push reached resource one/],
  ['rfc6121.roster.remove-cancels-subscriptions', 'remove-keeps-subscriptions', /did not get: presence type='unsubscribe'/],
  ['rfc6121.roster.ver-feature', 'no-rosterver-feature', /carries ver='1' but the rosterver feature is not advertised/],
  ['rfc6121.roster.ver-sync', 'ver-static', /unchanged from/],
  ['rfc6121.roster.approved-attribute', 'no-approved-attr', /without approved='true'/],
];

t.test('every roster check passes on the conformant fake', async (t) => {
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

t.test('approved-attribute skips when pre-approval is not advertised', async (t) => {
  const world = new FakeWorld();
  world.preApproval = false;
  t.equal((await byId('rfc6121.roster.approved-attribute').run(world.context())).outcome, 'skip');
});

t.test('every roster check is proven able to fail (fake fault here or real deviation in the lab tests)', async (t) => {
  const provenOnLab = ['rfc6121.roster.get-with-items', 'rfc6121.roster.set-bad-request', 'rfc6121.roster.set-empty-group', 'rfc6121.roster.set-other-user-forbidden'];
  t.same(checks.map((c) => c.id).filter((id) => !BROKEN.some(([b]) => b === id) && !provenOnLab.includes(id)), []);
});
