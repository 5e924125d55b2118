import t from 'tap';
import { run as message, paddedBody } from '../../../src/steps/message.js';
import { run as presence } from '../../../src/steps/presence.js';
import { run as expectStep } from '../../../src/steps/expect.js';
import { run as raw } from '../../../src/steps/raw.js';
import { watchIncoming } from '../../../src/steps/receive.js';
import { STAMP_NS } from '../../../src/steps/stamp.js';
import { StepFailure } from '../../../src/steps/failures.js';
import { IterationAbortedError } from '../../../src/steps/abortable.js';
import { loggedIn, runState } from '../../helpers/fake-session.js';
import { parseXml, type Element } from '../../../src/xmpp/index.js';

/** A copy of a sent stanza as the server would route it (with `from`). */
function withFrom(stanza: Element, from: string): Element {
  const copy = parseXml(stanza.toString());
  copy.attrs.from = from;
  return copy;
}

// The loader fills every optional field (undefined when absent); the steps get them all.
const base = { timeoutMs: 500, body: undefined, size: undefined, show: undefined, status: undefined, priority: undefined };

t.test('message to random-online goes to another online session, stamped and counted', async (t) => {
  const run = runState();
  const alice = loggedIn(run, 1);
  const bob = loggedIn(run, 2);
  run.online.add(alice.session.jid.toString());
  run.online.add(bob.session.jid.toString());
  await message(alice.ctx, { ...base, kind: 'message', to: 'random-online', size: 100, type: 'chat', count: 3 });
  t.equal(alice.session.sent.length, 3);
  for (const sent of alice.session.sent) {
    t.equal(sent.attrs.to, 'user2@a.example/r2');
    t.equal(Buffer.byteLength(sent.getChildText('body') ?? ''), 100);
    t.equal(sent.getChild('stamp', STAMP_NS)?.attrs.run, 'testrun');
  }
  t.equal(run.metrics.counterTotal('stanzas_sent{kind=message}'), 3);
});

t.test('recipients: self, a template without @, and nobody online', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 4);
  ctx.nextSeq();
  await message(ctx, { ...base, kind: 'message', to: 'self', body: 'note {seq}', type: 'normal', count: 1 });
  await message(ctx, { ...base, kind: 'message', to: { jid: 'user{n}' }, type: 'chat', count: 1 });
  t.equal(session.sent[0]!.attrs.to, 'user4@a.example/r4');
  t.equal(session.sent[0]!.getChildText('body'), 'note 1');
  t.equal(session.sent[1]!.attrs.to, 'user4@a.example');
  t.equal(session.sent[1]!.getChildText('body'), 'message 1 from user4', 'the default body');
  const error = await message(ctx, { ...base, kind: 'message', to: 'random-online', type: 'chat', count: 1 }).catch((e: unknown) => e);
  t.ok(error instanceof StepFailure);
  t.equal((error as StepFailure).condition, 'no-recipient');
  t.match((error as StepFailure).message, /no other user came online within 500 ms/);
  t.equal(run.metrics.counterTotal('recipient_waits'), 1, 'the wait is counted');
});

t.test('random-online with nobody else online waits for someone to log in', async (t) => {
  const run = runState();
  const alice = loggedIn(run, 1);
  const bob = loggedIn(run, 2);
  run.online.add(alice.session.jid.toString());
  setTimeout(() => run.online.add(bob.session.jid.toString()), 50);
  await message(alice.ctx, { ...base, kind: 'message', to: 'random-online', type: 'chat', count: 1 });
  t.equal(alice.session.sent[0]!.attrs.to, 'user2@a.example/r2');
  t.equal(run.metrics.counterTotal('recipient_waits'), 1);
});

t.test('paddedBody is exactly the asked size', async (t) => {
  for (const size of [1, 44, 45, 1000]) t.equal(Buffer.byteLength(paddedBody(size)), size);
});

t.test('the receiver records message_e2e, corrected too when the sender was rate-driven', async (t) => {
  const run = runState();
  const alice = loggedIn(run, 1, { lagMs: 40 });
  const bob = loggedIn(run, 2);
  watchIncoming(bob.ctx, bob.session.asSession());
  await message(alice.ctx, { ...base, kind: 'message', to: { jid: 'user2@a.example' }, body: 'hi', type: 'chat', count: 1 });
  bob.session.deliver(alice.session.sent[0]!);
  t.equal(run.metrics.latency('message_e2e')?.count, 1);
  const corrected = run.metrics.latency('message_e2e.corrected');
  t.equal(corrected?.count, 1);
  t.ok(corrected!.valueAtPercentileUs(50) >= 40_000, 'corrected includes the 40 ms the iteration started late');
  t.equal(run.metrics.counterTotal('stanzas_received{kind=message}'), 1);
});

t.test('a stamped message flushed from offline storage counts as offline_delivery', async (t) => {
  const run = runState();
  const bob = loggedIn(run, 2);
  watchIncoming(bob.ctx, bob.session.asSession());
  await presence(bob.ctx, { ...base, kind: 'presence', type: 'available' });
  const old = `<message from='user1@a.example/x'><body>b</body><stamp xmlns='${STAMP_NS}' run='testrun' sent='1000.000'/><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/></message>`;
  bob.session.deliver(old);
  t.equal(run.metrics.latency('offline_delivery')?.count, 1);
  t.equal(run.metrics.latency('message_e2e'), undefined, 'not mistaken for a slow live message');
  const foreign = old.replace("run='testrun'", "run='earlier'");
  bob.session.deliver(foreign);
  t.equal(run.metrics.latency('offline_delivery')?.count, 1, "another run's stamp is ignored");
});

t.test('presence_e2e counts broadcasts, not resends or our own echo', async (t) => {
  const run = runState();
  const alice = loggedIn(run, 1);
  const bob = loggedIn(run, 2);
  watchIncoming(bob.ctx, bob.session.asSession());
  await presence(alice.ctx, { ...base, kind: 'presence', type: 'available', show: 'chat', status: 'hi {user}', priority: 5 });
  const early = alice.session.sent[0]!;
  t.equal(early.getChildText('status'), 'hi user1');
  t.equal(early.getChildText('priority'), '5');
  await presence(bob.ctx, { ...base, kind: 'presence', type: 'available' });
  bob.session.deliver(withFrom(early, 'user1@a.example/r1'));
  t.equal(run.metrics.latency('presence_e2e'), undefined, 'sent before our initial presence: a probe answer');
  bob.session.deliver(withFrom(bob.session.sent[0]!, 'user2@a.example/r2'));
  t.equal(run.metrics.latency('presence_e2e'), undefined, 'our own echo');
  await presence(alice.ctx, { ...base, kind: 'presence', type: 'available', show: 'away' });
  const broadcast = alice.session.sent[1]!;
  const resent = withFrom(broadcast, 'user1@a.example/r1');
  resent.append(parseXml("<delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/>"));
  bob.session.deliver(resent);
  t.equal(run.metrics.latency('presence_e2e'), undefined, 'resent with <delay/> (e.g. along with an approval)');
  bob.session.deliver(withFrom(broadcast, 'user1@a.example/r1'));
  t.equal(run.metrics.latency('presence_e2e')?.count, 1);
});

t.test('error stanzas are counted by condition', async (t) => {
  const run = runState();
  const bob = loggedIn(run, 2);
  watchIncoming(bob.ctx, bob.session.asSession());
  bob.session.deliver("<message type='error'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
  t.equal(run.metrics.counterTotal('stanza_errors{condition=service-unavailable}'), 1);
});

t.test('expect finds a stanza that arrived before it, rendered with templates', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 3);
  session.deliver("<message type='chat' from='user1@a.example/r'><body>hello user3</body></message>");
  await expectStep(ctx, { ...base, kind: 'expect', stanza: "<message type='chat'><body>hello {user}</body></message>" });
  t.equal(session.inbox.length, 0, 'the matched stanza was consumed');
  const error = await expectStep(ctx, { kind: 'expect', stanza: '<message/>', timeoutMs: 20 }).catch((e: unknown) => e);
  t.equal((error as Error).name, 'XmppTimeoutError', 'a timeout when nothing matches');
});

t.test('expect ends at once on abort', async (t) => {
  const run = runState();
  const controller = new AbortController();
  const { ctx, session } = loggedIn(run, 3, { signal: controller.signal });
  const waiting = expectStep(ctx, { kind: 'expect', stanza: '<message/>', timeoutMs: 60_000 });
  controller.abort();
  await t.rejects(waiting, IterationAbortedError);
  await session.close();
});

t.test('raw sends each element of its XML', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1);
  await raw(ctx, { ...base, kind: 'raw', xml: "<presence/><message to='{user}@{domain}'><body>x</body></message>" });
  t.same(session.sent.map((element) => element.name), ['presence', 'message']);
  t.equal(session.sent[1]!.attrs.to, 'user1@a.example');
  const error = await raw(ctx, { ...base, kind: 'raw', xml: '<message>' }).catch((e: unknown) => e);
  t.equal((error as StepFailure).condition, 'bad-xml');
});
