/**
 * The area H checks against a fake in-memory server: each passes (or records its branch) on the
 * well-behaved fake, and reports a violation when the fake breaks the rule it checks.
 */
import t from 'tap';
import { checks } from '../../../src/checks/message/index.js';
import { firstDisorder } from '../../../src/checks/message/ordering.js';
import type { CheckOutcome } from '../../../src/checks/types.js';
import { FakeWorld, runOnFakeWorld, testFineAndBroken, type FakeWorldCase, type Quirk } from './message-fake-world.js';

const run = (id: string, ...quirks: Quirk[]): Promise<CheckOutcome> => runOnFakeWorld(checks, id, ...quirks);

const CASES: FakeWorldCase[] = [
  ['rfc6121.message.bare-chat', 'info', 'rewrite-to', /'to' was rewritten/],
  ['rfc6121.message.bare-normal', 'info', 'rewrite-to', /'to' was rewritten/],
  ['rfc6121.message.negative-priority', 'pass', 'to-negative', /priority -1 resource received chat, normal and headline/],
  ['rfc6121.message.bare-headline', 'pass', 'headline-to-one', /reached 1 of 2/],
  ['rfc6121.message.bare-groupchat', 'pass', 'groupchat-delivered', /was delivered/],
  ['rfc6121.message.bare-error-ignored', 'pass', 'error-answered', /answered an error/],
  ['rfc6121.message.only-negative-priority', 'info', 'to-negative', /priority -1 resource received/],
  ['rfc6121.message.full-jid', 'pass', 'full-to-bare', /received 0 copies/],
  ['rfc6121.message.unknown-resource-chat', 'pass', 'unknown-resource-dropped', /received 0 copies; nothing came back/],
  ['rfc6120.message.no-to', 'pass', 'no-to-dropped', /not delivered/],
  ['rfc6120.message.remote-server-not-found', 'pass', 'remote-timeout', /<remote-server-timeout\/> instead/],
  ['rfc6120.message.in-order', 'pass', 'reorder', /position 0 holds/],
  ['rfc6121.message.no-such-user', 'info', 'missing-user-item-not-found', /^refused with <item-not-found\/> instead of <service-unavailable\/>$/],
];

testFineAndBroken(t, checks, CASES);

t.test('the EITHER branches are told apart', async (t) => {
  t.match((await run('rfc6121.message.only-negative-priority')).reason, /stored offline/);
  t.match((await run('rfc6121.message.only-negative-priority', 'no-offline')).reason, /<service-unavailable\/>/);
  t.match((await run('rfc6121.message.only-negative-priority', 'lose-offline')).reason, /silently dropped/);
  t.match((await run('rfc6121.message.no-such-user')).reason, /refused with <service-unavailable\/>/);
  t.match((await run('rfc6121.message.bare-chat')).reason, /only the "high" resource/);
});

t.test('unknown-resource-other-types: refused by the fake; rerouting is accepted only under rfc3920', async (t) => {
  const check = checks.find((c) => c.id === 'rfc6121.message.unknown-resource-other-types')!;
  const refused = await check.run(new FakeWorld().context());
  t.equal(refused.outcome, 'info');
  t.match(refused.reason, /not rerouted \(normal: <service-unavailable\/>; groupchat: <service-unavailable\/>; headline: <service-unavailable\/>\)/);
  // The fake still refuses groupchat for a bare JID, so only normal and headline are rerouted.
  const rerouted = await check.run(new FakeWorld('full-to-bare').context());
  t.equal(rerouted.outcome, 'violation');
  t.match(rerouted.reason, /^normal and headline reached another resource/);
  const legacy = await check.run(new FakeWorld('full-to-bare').context('rfc3920'));
  t.equal(legacy.outcome, 'info', legacy.reason);
  t.match(legacy.reason, /rerouted to the bare JID \(RFC 3921 rule/);
});

t.test('firstDisorder', async (t) => {
  t.equal(firstDisorder(['a', 'b', 'c'], ['a', 'b', 'c']), -1);
  t.equal(firstDisorder(['a', 'b', 'c'], ['a', 'c', 'b']), 1);
  t.equal(firstDisorder(['a', 'b', 'c'], ['a', 'b']), 2, 'a missing tail is a disorder');
  t.equal(firstDisorder(['a'], ['a', 'a']), 1, 'a duplicate is a disorder');
});

t.test('every message check cites sections and a level', async (t) => {
  for (const check of checks) {
    t.ok(check.spec.length > 0 && check.area === 'message', check.id);
    t.match(check.id, /^rfc612[01]\.message\.[a-z-]+$/);
  }
  t.equal(new Set(checks.map((c) => c.id)).size, checks.length, 'ids are unique');
});
