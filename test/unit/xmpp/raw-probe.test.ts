import t, { type Test } from 'tap';
import { openRawProbe, WireRedactor, type RawProbe } from '../../../src/xmpp/index.js';
import { HEADER, startScriptedServer, streamError, type ScriptedConnection } from '../../helpers/scripted-server.js';

const FEATURES = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

async function probeAgainst(t: Test, script: (c: ScriptedConnection) => Promise<void>, wire?: Array<[string, string]>): Promise<RawProbe> {
  const server = await startScriptedServer(script);
  const probe = await openRawProbe({
    domain: 'fake.example',
    host: '127.0.0.1',
    port: server.port,
    timeoutMs: 1500,
    wire: wire && ((dir, text) => wire.push([dir, text])),
  });
  t.teardown(async () => {
    probe.close();
    await server.close();
  });
  return probe;
}

t.test('open: the header attributes and the features, every byte on the wire log', async (t) => {
  const wire: Array<[string, string]> = [];
  const probe = await probeAgainst(
    t,
    async (c) => {
      await c.expect(/<stream:stream[^>]*>/);
      c.send(HEADER('abc', 'fake.example'));
      c.send(FEATURES.slice(0, 30));
      c.send(FEATURES.slice(30));
      await c.expect(/<presence\/>/);
      c.send("<message id='m1'/><iq id='i1' type='result'/>");
    },
    wire,
  );
  const opened = await probe.open({ lang: 'en' });
  t.equal(opened.header?.id, 'abc');
  t.equal(opened.header?.from, 'fake.example');
  t.equal(opened.header?.version, '1.0');
  t.equal(opened.header?.lang, 'en');
  t.equal(opened.header?.ns, 'jabber:client');
  t.equal(opened.header?.streamNs, 'http://etherx.jabber.org/streams');
  t.equal(opened.features?.getChild('mechanisms')?.getChildText('mechanism'), 'PLAIN');
  t.notOk(opened.error);

  probe.send('<presence/>');
  const iq = await probe.waitFor((e) => e.name === 'iq');
  t.equal(iq.attrs.id, 'i1', 'waitFor finds a later element');
  t.equal((await probe.next()).attrs.id, 'm1', 'the skipped element is still there for next()');
  await t.rejects(probe.next(200), { name: 'XmppTimeoutError' }, 'next() times out when nothing comes');

  const out = wire.filter(([dir]) => dir === 'out').map(([, text]) => text).join('');
  t.match(out, /^<\?xml version='1.0'\?><stream:stream to='fake.example' version='1.0' xml:lang='en' xmlns='jabber:client'/);
  t.equal(wire.filter(([dir]) => dir === 'in').map(([, text]) => text).join(''), HEADER('abc') + FEATURES + "<message id='m1'/><iq id='i1' type='result'/>");
});

t.test('header options: attributes left out on request', async (t) => {
  let header = '';
  const probe = await probeAgainst(t, async (c) => {
    header = await c.expect(/<stream:stream[^>]*>/);
    c.send(HEADER() + FEATURES);
  });
  await probe.open({ to: null, version: null, declaration: false, ns: 'jabber:server' });
  t.equal(header, "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'>");
});

t.test('a stream error, the closing tag and the TCP close are each observed', async (t) => {
  const probe = await probeAgainst(t, async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(HEADER() + streamError('host-unknown') + '</stream:stream>');
    c.end();
  });
  const opened = await probe.open({ to: 'nowhere.example' });
  t.ok(opened.header, 'the header came first');
  t.equal(opened.error?.condition, 'host-unknown');
  t.ok(await probe.closedByServer(2000), 'closing tag and TCP close');
  t.same(probe.state, { streamEnded: true, socketClosed: true });
  await t.rejects(probe.next(500), { name: 'XmppConnectError' }, 'reading a closed stream fails at once');
});

t.test('a server that never closes after its stream error', async (t) => {
  const probe = await probeAgainst(t, async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(HEADER() + FEATURES);
    await c.expect(/<bogus\/>/);
    c.send(streamError('invalid-xml'));
    await c.expect(/never/, 10_000).catch(() => undefined);
  });
  await probe.open();
  probe.send('<bogus/>');
  t.equal((await probe.streamError())?.condition, 'invalid-xml');
  t.notOk(await probe.closedByServer(400), 'not closed');
  t.same(probe.state, { streamEnded: false, socketClosed: false });
});

t.test('an error without a stream header is reported as such', async (t) => {
  const probe = await probeAgainst(t, async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(`<stream:error xmlns:stream='http://etherx.jabber.org/streams'><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`);
    c.end();
  });
  const opened = await probe.open();
  t.notOk(opened.header, 'no header');
  t.equal(opened.error?.condition, 'not-well-formed');
});

t.test('silence after the header: open() returns the header alone', async (t) => {
  const probe = await probeAgainst(t, async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(HEADER());
  });
  const opened = await probe.open({ version: null });
  t.ok(opened.header);
  t.notOk(opened.features);
  t.notOk(opened.error);
});

t.test('PLAIN is refused without TLS; nothing is sent', async (t) => {
  const wire: Array<[string, string]> = [];
  const probe = await probeAgainst(t, async (c) => {
    await c.expect(/<stream:stream[^>]*>/);
    c.send(HEADER() + FEATURES);
  }, wire);
  await probe.open();
  const refused = await probe.authPlain('user', 'secret').then(() => 'resolved', (e: unknown) => e);
  t.match(refused, { reason: 'tls-unavailable' }, 'refused: no TLS to send the password over');
  t.notMatch(JSON.stringify(wire), /auth/);
});

t.test('redaction hides SASL payloads and passwords, also across chunks', async (t) => {
  const redactor = new WireRedactor();
  t.equal(
    redactor.redact("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AHVzZXIAc2VjcmV0</auth><x/>"),
    "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>[redacted 16 chars]</auth><x/>",
  );
  t.equal(redactor.redact("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>Yz1i"), "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>");
  t.equal(redactor.redact('cmVzdA==</response><presence/>'), '[redacted 12 chars]</response><presence/>');
  t.equal(redactor.redact("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"), "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
  t.equal(redactor.redact('<query><username>u</username><password>pw</password></query>'), '<query><username>u</username><password>[redacted 2 chars]</password></query>');
  t.equal(redactor.redact('<authzid>x</authzid><challenge>cz1x</challenge>'), '<authzid>x</authzid><challenge>cz1x</challenge>', 'other elements untouched');
});
