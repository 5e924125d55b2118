import t from 'tap';
import { run as message } from '../../../src/steps/message.js';
import { run as disconnect } from '../../../src/steps/disconnect.js';
import { watchIncoming } from '../../../src/steps/receive.js';
import { loggedIn, runState } from '../../helpers/fake-session.js';
import { parseXml, type Element } from '../../../src/xmpp/index.js';

function routed(stanza: Element, from: string): Element {
  const copy = parseXml(stanza.toString());
  copy.attrs.from = from;
  return copy;
}

function pair() {
  const run = runState();
  const alice = loggedIn(run, 1);
  const bob = loggedIn(run, 2);
  for (const user of [alice, bob]) {
    run.online.add(user.session.jid.toString());
    watchIncoming(user.ctx, user.session.asSession());
  }
  return { run, alice, bob, bobJid: bob.session.jid.toString() };
}

const send = { kind: 'message', to: 'random-online', body: undefined, size: 10, type: 'chat', count: 1, timeoutMs: 500 } as const;

t.test('a user leaving waits for the message on its way to it, then closes', async (t) => {
  const { run, alice, bob, bobJid } = pair();
  await message(alice.ctx, send);
  const started = Date.now();
  const leaving = disconnect(bob.ctx, { kind: 'disconnect', timeoutMs: 5000 });
  t.equal(run.online.pickOther('nobody'), alice.session.jid.toString(), 'left random-online first');
  setTimeout(() => bob.session.deliver(routed(alice.session.sent[0]!, alice.session.jid.toString())), 50);
  await leaving;
  const waited = Date.now() - started;
  t.ok(waited >= 40 && waited < 4000, `closed once the message arrived (${waited} ms)`);
  t.ok(bob.session.closed);
  run.deliveries.closed(bobJid);
  t.equal(run.metrics.counterTotal('messages_in_flight_at_close') ?? 0, 0);
});

t.test('a message that never arrives holds the close only up to its bound, and is counted in flight', async (t) => {
  const { run, alice, bob, bobJid } = pair();
  await message(alice.ctx, send);
  const started = Date.now();
  await disconnect(bob.ctx, { kind: 'disconnect', timeoutMs: 100 });
  t.ok(Date.now() - started >= 90, 'waited for the bound');
  run.deliveries.closed(bobJid);
  t.equal(run.metrics.counterTotal('messages_in_flight_at_close'), 1);
});

t.test('an error back from the recipient settles the message as bounced', async (t) => {
  const { run, alice, bob, bobJid } = pair();
  await message(alice.ctx, send);
  alice.session.deliver(`<message type='error' from='${bobJid}'><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`);
  t.equal(run.metrics.counterTotal('messages_bounced'), 1);
  const started = Date.now();
  await disconnect(bob.ctx, { kind: 'disconnect', timeoutMs: 5000 });
  t.ok(Date.now() - started < 1000, 'nothing owed: no wait');
});
