import t, { type Test } from 'tap';
import { once } from 'node:events';
import { openSession, type SessionOptions } from '../../../src/xmpp/login.js';
import { XmppStreamError, classifyConnectFailure } from '../../../src/xmpp/errors.js';
import { startFakeServer, type FakeServerOptions } from './fixtures/fake-server.js';

async function login(t: Test, server: FakeServerOptions, extra: Partial<SessionOptions> = {}) {
  const fake = await startFakeServer(t, server);
  const options: SessionOptions = {
    domain: 'a.example', host: '127.0.0.1', port: fake.port, tls: 'none',
    username: 'user', password: 'secret', timeoutMs: 2000, ...extra,
  };
  return { fake, open: () => openSession(options) };
}

t.test('SCRAM-SHA-1 login without TLS: timings, jid, server signature checked', async (t) => {
  const { open, fake } = await login(t, {});
  const session = await open();
  t.equal(session.jid.toString(), 'user@a.example/generated');
  t.equal(session.info.mechanism, 'SCRAM-SHA-1');
  t.match(fake.received[0], /^<auth [^>]*mechanism="SCRAM-SHA-1"/);
  t.match(Buffer.from(/>([^<]+)</.exec(fake.received[0]!)![1]!, 'base64').toString(), /^n,,n=user,r=/, 'no TLS: gs2 flag n');
  for (const phase of ['tcp_connect', 'sasl_auth', 'bind', 'login_total'] as const) t.ok((session.timings[phase] ?? 0) > 0, phase);
  t.equal(session.timings.tls_handshake, undefined);
  await session.close();
  t.equal(fake.received.at(-1), '</stream:stream>', 'closed with a stream footer');
  t.ok(session.closed);
});

t.test('server-final as a challenge, required session IQ, requested resource', async (t) => {
  const { open, fake } = await login(t, { serverFinalInChallenge: true, requireSession: true }, { resource: 'phone' });
  const session = await open();
  t.equal(session.jid.toString(), 'user@a.example/phone');
  t.ok(fake.received.some((text) => text.includes('urn:ietf:params:xml:ns:xmpp-session')), 'session IQ sent');
  await session.close();
});

t.test('authentication failures are typed', async (t) => {
  const wrong = await login(t, {}, { password: 'nope' });
  const error = await wrong.open().catch((e: unknown) => e);
  t.match(error, { name: 'XmppAuthError', condition: 'not-authorized', origin: 'server', mechanism: 'SCRAM-SHA-1' });
  t.equal(classifyConnectFailure(error), 'auth');

  const forged = await login(t, { forgeServerSignature: true });
  await t.rejects(forged.open(), { name: 'XmppAuthError', condition: 'server-signature-invalid', origin: 'client' });

  const plainOnly = await login(t, { mechanisms: ['PLAIN'] }, { mechanism: 'PLAIN' });
  await t.rejects(plainOnly.open(), { name: 'XmppAuthError', condition: 'encryption-required' });
  const allowed = await login(t, { mechanisms: ['PLAIN'] }, { mechanism: 'PLAIN', allowCleartextAuth: true });
  const session = await allowed.open();
  t.equal(session.info.mechanism, 'PLAIN');
  await session.close();
});

t.test('iq results, iq errors, pings answered, waitFor with inbox and timeout', async (t) => {
  const { open, fake } = await login(t, {
    onStanza: (stanza, reply) => {
      if (stanza.name !== 'iq' || !['get', 'set'].includes(stanza.attrs.type!)) return;
      if (stanza.getChild('query')) {
        reply(`<iq type='error' id='${stanza.attrs.id}'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone</text></error></iq>`);
      } else {
        reply(`<iq type='result' id='${stanza.attrs.id}'/>`);
        reply(`<message type='chat' from='bob@a.example/x'><body>early</body></message>`);
        reply(`<iq type='get' id='srv-ping' from='a.example'><ping xmlns='urn:xmpp:ping'/></iq>`);
      }
    },
  });
  const session = await open();
  const result = await session.iq(`<iq type='get' to='a.example'><ping xmlns='urn:xmpp:ping'/></iq>`);
  t.equal(result.attrs.type, 'result');
  await session.iq(`<iq type='set' to='a.example'><barrier xmlns='urn:test'/></iq>`);
  t.ok(fake.received.some((text) => /^<iq [^>]*id="srv-ping"[^>]*type="result"/.test(text)), 'the server ping was answered');
  const early = await session.waitFor(`<message type='chat' from='bob*'><body>early</body></message>`, 500);
  t.equal(early.getChildText('body'), 'early', 'a stanza that arrived before waitFor is found in the inbox');
  await t.rejects(session.iq(`<iq type='get'><query xmlns='jabber:iq:version'/></iq>`), {
    name: 'XmppStanzaError', condition: 'item-not-found', text: 'gone', type: 'cancel',
  });
  await t.rejects(session.waitFor(`<message><subject/></message>`, 50), { name: 'XmppTimeoutError' });
  await session.close();
});

t.test('a stream error ends the session and fails pending waits', async (t) => {
  const { open, fake } = await login(t, {
    onStanza: (_stanza, reply) =>
      reply(`<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>`),
  });
  const session = await open();
  const pending = session.waitFor(`<message/>`, 2000);
  const closed = once(session, 'close');
  await session.send(`<presence/>`);
  await t.rejects(pending, { name: 'XmppStreamError', condition: 'policy-violation' });
  const [info] = await closed;
  t.ok(info.error instanceof XmppStreamError);
  t.ok(session.closed);
  await t.rejects(session.send('<presence/>'), { name: 'XmppStreamError' });
  t.ok(fake.sockets.length === 1);
});

t.test('a server-initiated close is answered and reported', async (t) => {
  const { open, fake } = await login(t, { onStanza: (_stanza, reply) => reply('</stream:stream>') });
  const session = await open();
  const closed = once(session, 'close');
  await session.send(`<presence/>`);
  const [info] = await closed;
  t.match(info.error, { name: 'XmppConnectError', reason: 'closed' });
  t.equal(fake.received.at(-1), '</stream:stream>', 'we answered with our footer');
});
