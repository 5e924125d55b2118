/**
 * The area I checks against the fake in-memory server (message-fake-world.ts): each passes on the
 * well-behaved fake and reports a violation when the fake breaks the rule it checks.
 */
import t from 'tap';
import { checks } from '../../../src/checks/offline/index.js';
import { parseUtcStamp } from '../../../src/checks/offline/delay.js';
import type { CheckOutcome } from '../../../src/checks/types.js';
import { runOnFakeWorld, testFineAndBroken, type FakeWorldCase, type Quirk } from './message-fake-world.js';

const run = (id: string, ...quirks: Quirk[]): Promise<CheckOutcome> => runOnFakeWorld(checks, id, ...quirks);

const CASES: FakeWorldCase[] = [
  ['rfc6121.offline.store-or-refuse', 'info', 'lose-offline', /the message was lost/],
  ['xep0160.offline.unstored-types', 'pass', 'store-everything', /^headline stored and delivered later$/],
  ['xep0160.offline.chat-state-only', 'pass', 'store-everything', /<active\/>-only message was stored/],
  ['xep0160.offline.flush-on-presence', 'pass', 'flush-at-bind', /arrived right after binding/],
  ['xep0160.offline.negative-priority-held', 'pass', 'flush-to-negative', /went to the priority -1 resource/],
  ['rfc6120.offline.order-once', 'pass', 'flush-twice', /8 message\(s\) were delivered again/],
  ['xep0160.offline.delay-present', 'pass', 'no-delay', /has 0 <delay/],
  ['xep0203.offline.delay-stamp', 'pass', 'local-time-stamp', /is not expressed in UTC/],
  ['xep0203.offline.forged-delay', 'pass', 'keep-forged-delay', /forged delay reached the recipient \(2 delay/],
  ['xep0160.offline.disco-feature', 'pass', 'no-msgoffline', /lacks msgoffline/],
];

testFineAndBroken(t, checks, CASES);

t.test('without offline storage: the refusing branch, and the storage checks skip', async (t) => {
  const refused = await run('rfc6121.offline.store-or-refuse', 'no-offline');
  t.same(refused, { outcome: 'info', reason: 'refused with <service-unavailable/> (no offline storage)' });
  for (const check of checks.filter((c) => !['rfc6121.offline.store-or-refuse', 'xep0160.offline.disco-feature'].includes(c.id))) {
    const outcome = await run(check.id, 'no-offline');
    t.equal(outcome.outcome, 'skip', `${check.id}: ${outcome.reason}`);
  }
  t.equal((await run('xep0160.offline.disco-feature', 'no-offline')).outcome, 'pass', 'no storage and no msgoffline agree');
  t.equal((await run('xep0203.offline.delay-stamp', 'no-delay')).outcome, 'skip', 'no delay: the stamp check has nothing to judge');
});

t.test('parseUtcStamp', async (t) => {
  t.equal(parseUtcStamp('2002-09-10T23:08:25Z'), Date.UTC(2002, 8, 10, 23, 8, 25));
  t.equal(parseUtcStamp('2002-09-10T23:08:25.123456Z'), Date.UTC(2002, 8, 10, 23, 8, 25, 123));
  t.equal(parseUtcStamp('2002-09-10T23:08:25+00:00'), Date.UTC(2002, 8, 10, 23, 8, 25));
  t.match(parseUtcStamp('2002-09-10T23:08:25+02:00'), /not expressed in UTC/);
  t.match(parseUtcStamp('20020910T23:08:25'), /not an XEP-0082 DateTime/);
  t.match(parseUtcStamp('2002-13-45T99:08:25Z'), /not a valid date/);
});

t.test('every offline check cites sections', async (t) => {
  for (const check of checks) t.ok(check.spec.length > 0 && check.area === 'offline', check.id);
});
