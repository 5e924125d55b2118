import t from 'tap';
import { run as rosterGet } from '../../../src/steps/roster-get.js';
import { run as rosterSet } from '../../../src/steps/roster-set.js';
import { run as rosterRemove } from '../../../src/steps/roster-remove.js';
import { run as subscribe } from '../../../src/steps/subscribe.js';
import { run as approve } from '../../../src/steps/approve.js';
import { run as iq } from '../../../src/steps/iq.js';
import { run as message } from '../../../src/steps/message.js';
import { watchIncoming } from '../../../src/steps/receive.js';
import { StepFailure } from '../../../src/steps/failures.js';
import { parseXml } from '../../../src/xmpp/index.js';
import { loggedIn, runState } from '../../helpers/fake-session.js';

const ROSTER = "xmlns='jabber:iq:roster'";
const timeoutMs = 500;

t.test('roster.get fills the cache, times roster_get; pushes keep it current', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1);
  watchIncoming(ctx, session.asSession());
  session.iqHandler = (request) =>
    parseXml(`<iq type='result' id='${request.attrs.id}'><query ${ROSTER}><item jid='user2@a.example' subscription='both'><group>Friends</group></item></query></iq>`);
  await rosterGet(ctx, { kind: 'roster.get', timeoutMs });
  t.same(ctx.roster?.get('user2@a.example'), { jid: 'user2@a.example', name: undefined, subscription: 'both', ask: undefined, groups: ['Friends'] });
  t.equal(run.metrics.latency('roster_get')?.count, 1);

  session.deliver(`<iq type='set' id='p1'><query ${ROSTER}><item jid='user3@a.example' subscription='none'/></query></iq>`);
  session.deliver(`<iq type='set' id='p2'><query ${ROSTER}><item jid='user2@a.example' subscription='remove'/></query></iq>`);
  session.deliver(`<iq type='set' id='p3' from='mallory@evil.example'><query ${ROSTER}><item jid='user9@a.example'/></query></iq>`);
  t.same([...ctx.roster!.keys()], ['user3@a.example'], 'a push from anyone but our server is ignored');
});

t.test('roster.set and roster.remove send RFC 6121 items', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1);
  await rosterSet(ctx, { kind: 'roster.set', jid: 'user{n}0@{domain}', name: 'Ten', groups: ['g1', 'g2'], timeoutMs });
  const item = session.sent[0]!.getChild('query', 'jabber:iq:roster')!.getChild('item')!;
  t.equal(item.attrs.jid, 'user10@a.example');
  t.equal(item.attrs.name, 'Ten');
  t.same(item.getChildren('group').map((group) => group.text()), ['g1', 'g2']);
  await rosterRemove(ctx, { kind: 'roster.remove', jid: 'user10@a.example', timeoutMs });
  t.equal(session.sent[1]!.getChild('query')!.getChild('item')!.attrs.subscription, 'remove');
});

t.test('to: contact fetches the roster when needed and picks a contact', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1);
  session.iqHandler = (request) => parseXml(`<iq type='result' id='${request.attrs.id}'><query ${ROSTER}><item jid='user5@a.example'/></query></iq>`);
  await message(ctx, { kind: 'message', to: 'contact', body: 'hi', size: undefined, type: 'chat', count: 1, timeoutMs });
  t.equal(session.sent.at(-1)!.attrs.to, 'user5@a.example');
  ctx.roster!.clear();
  const error = await message(ctx, { kind: 'message', to: 'contact', body: undefined, size: undefined, type: 'chat', count: 1, timeoutMs }).catch((e: unknown) => e);
  t.equal((error as StepFailure).condition, 'no-contact');
});

t.test('subscribe asks the bare JID; approve answers a request that came earlier', async (t) => {
  const run = runState();
  const alice = loggedIn(run, 1);
  const bob = loggedIn(run, 2);
  run.online.add(bob.session.jid.toString());
  await subscribe(alice.ctx, { kind: 'subscribe', to: 'random-online', timeoutMs });
  const request = alice.session.sent[0]!;
  t.equal(request.attrs.to, 'user2@a.example');
  t.equal(request.attrs.type, 'subscribe');

  bob.session.deliver("<presence type='subscribe' from='user3@a.example'/>");
  bob.session.deliver("<presence type='subscribe' from='user1@a.example'/>");
  await approve(bob.ctx, { kind: 'approve', from: 'user1@{domain}', timeoutMs });
  t.same(bob.session.sent.map((p) => [p.attrs.to, p.attrs.type]), [['user1@a.example', 'subscribed']]);
  t.equal(bob.session.inbox.length, 1, "user3's request is left for a later approve");
  const error = await approve(bob.ctx, { kind: 'approve', from: 'nobody@a.example', timeoutMs: 20 }).catch((e: unknown) => e);
  t.equal((error as Error).name, 'XmppTimeoutError');
});

t.test('iq ping is timed as iq_rtt{kind=ping}; raw iq as kind=raw', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1, { lagMs: 0 });
  await iq(ctx, { kind: 'iq', request: 'ping', to: undefined, timeoutMs });
  const ping = session.sent[0]!;
  t.equal(ping.attrs.to, 'a.example');
  t.ok(ping.getChild('ping', 'urn:xmpp:ping'));
  await iq(ctx, { kind: 'iq', request: { xml: "<iq type='get'><query xmlns='jabber:iq:version'/></iq>" }, to: 'a.example', timeoutMs });
  t.equal(run.metrics.latency('iq_rtt{kind=ping}')?.count, 1);
  t.equal(run.metrics.latency('iq_rtt{kind=raw}')?.count, 1);
  t.equal(run.metrics.latency('iq_rtt.corrected{kind=ping}')?.count, 1, 'rate-driven: the corrected twin too');
});

t.test('an iq error fails the step with its condition, counted once', async (t) => {
  const run = runState();
  const { ctx, session } = loggedIn(run, 1);
  watchIncoming(ctx, session.asSession());
  session.iqHandler = (request) =>
    parseXml(`<iq type='error' id='${request.attrs.id}'><error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
  const error = await iq(ctx, { kind: 'iq', request: 'ping', to: undefined, timeoutMs }).catch((e: unknown) => e);
  t.equal((error as { condition?: string }).condition, 'feature-not-implemented');
  t.equal(run.metrics.counterTotal('stanza_errors{condition=feature-not-implemented}'), 1);
  const bad = await iq(ctx, { kind: 'iq', request: { xml: '<message/>' }, to: undefined, timeoutMs }).catch((e: unknown) => e);
  t.ok(bad instanceof StepFailure);
  t.equal((bad as StepFailure).condition, 'bad-xml');
});
