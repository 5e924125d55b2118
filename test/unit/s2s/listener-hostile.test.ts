import t from 'tap';
import net from 'node:net';
import { labCa } from '../../../src/lab/ca.js';
import { dialbackKey } from '../../../src/s2s/dialback-key.js';
import { S2sListener } from '../../../src/s2s/listener.js';
import { PeerCertificates } from '../../../src/s2s/peer-certificates.js';

const PEER = 'peer1.gauntlet.example';
const SECRET = 'unit-test-secret';
const HEADER = (attrs = `to='${PEER}' from='target.example'`, ns = 'jabber:server') =>
  `<?xml version='1.0'?><stream:stream xmlns='${ns}' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0' ${attrs}>`;

const delivered: string[] = [];
let listener: S2sListener;

t.before(async () => {
  listener = await S2sListener.start({
    isPeerDomain: (domain) => domain === PEER,
    secret: SECRET,
    certificates: new PeerCertificates(await labCa()),
    authorityFor: async () => undefined,
    deliver: (stanza) => void delivered.push(stanza.toString()),
    maxConnections: 20,
    limits: { maxElementBytes: 16 * 1024, headerTimeoutMs: 500, maxPendingWriteBytes: 1024 * 1024 },
  });
});
t.teardown(() => listener.close());

/** Sends `chunks` (one write each) and collects everything until the listener closes the connection. */
function exchange(chunks: string[], { waitMs = 5_000 } = {}): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(listener.address.port, listener.address.host);
    let text = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => done(false), waitMs);
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => (text += data));
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.on('connect', () => chunks.forEach((chunk) => socket.write(chunk)));
  });
}

function streamError(text: string): string | undefined {
  return /<stream:error><([a-z-]+) xmlns='urn:ietf:params:xml:ns:xmpp-streams'/.exec(text)?.[1];
}

t.test('a well-formed header gets our header, STARTTLS (required) and no dialback before TLS', async (t) => {
  const { text } = await exchange([HEADER()], { waitMs: 300 });
  t.match(text, `from='${PEER}'`);
  t.match(text, /<starttls xmlns="urn:ietf:params:xml:ns:xmpp-tls"><required\/><\/starttls>/);
  t.notMatch(text, 'urn:xmpp:features:dialback', 'dialback only after TLS');
});

const HOSTILE: Array<{ name: string; chunks: string[]; condition: string }> = [
  { name: 'mismatched end tag', chunks: [HEADER(), '<message><body></message>'], condition: 'not-well-formed' },
  { name: 'undeclared entity', chunks: [HEADER(), "<message to='a@b' from='c@d'><body>&bogus;</body></message>"], condition: 'not-well-formed' },
  { name: 'illegal character reference', chunks: [HEADER(), '<message><body>&#0;</body></message>'], condition: 'not-well-formed' },
  { name: 'binary garbage instead of a header', chunks: ['\u0000\u0001GET / HTTP/1.1\r\n\r\n'], condition: 'not-well-formed' },
  { name: 'a DTD (billion laughs)', chunks: ["<?xml version='1.0'?><!DOCTYPE lol [<!ENTITY lol 'lol'>]>", HEADER()], condition: 'restricted-xml' },
  { name: 'a comment', chunks: [HEADER(), '<!-- hello -->'], condition: 'restricted-xml' },
  { name: 'a processing instruction', chunks: [HEADER(), '<?evil x?>'], condition: 'restricted-xml' },
  { name: 'the client namespace', chunks: [HEADER(undefined, 'jabber:client')], condition: 'invalid-namespace' },
  { name: 'a domain we do not serve', chunks: [HEADER(`to='elsewhere.example' from='target.example'`)], condition: 'host-unknown' },
  { name: 'no to at all', chunks: [HEADER(`from='target.example'`)], condition: 'host-unknown' },
  { name: 'a stanza before authentication', chunks: [HEADER(), `<message from='a@target.example' to='user1@${PEER}'><body>x</body></message>`], condition: 'not-authorized' },
  { name: 'dialback before TLS', chunks: [HEADER(), `<db:result from='target.example' to='${PEER}'>abc</db:result>`], condition: 'policy-violation' },
  { name: 'an unknown top-level element', chunks: [HEADER(), '<foo xmlns="urn:example"/>'], condition: 'unsupported-stanza-type' },
];

for (const { name, chunks, condition } of HOSTILE) {
  t.test(`${name} → ${condition}, connection closed`, async (t) => {
    const { text, closed } = await exchange(chunks);
    t.equal(streamError(text), condition);
    t.ok(closed, 'the listener closed the connection');
  });
}

t.test('an oversized element is cut off at the limit, not buffered', async (t) => {
  const big = 'x'.repeat(64 * 1024);
  // 4 MB offered; the listener must give up after about the 16 kB limit (plus one socket read).
  const chunks = [HEADER(), "<message from='a@target.example' to='b@peer'><body>", ...Array.from({ length: 64 }, () => big)];
  const { text, closed } = await exchange(chunks);
  t.equal(streamError(text), 'policy-violation');
  t.ok(closed);
});

t.test('an element split across many writes still parses, under the limit', async (t) => {
  const verify = `<db:verify from='target.example' to='${PEER}' id='abc'>${dialbackKey(SECRET, { receiving: 'target.example', originating: PEER, streamId: 'abc' })}</db:verify>`;
  const chunks = [HEADER(), ...verify.match(/.{1,7}/gs)!];
  const { text } = await exchange(chunks, { waitMs: 500 });
  t.match(text, /<db:verify from="peer1.gauntlet.example" to="target.example" id="abc" type="valid"\/>/);
});

t.test('db:verify answers: valid for our key, invalid for a tampered one, error for a foreign domain; the stream stays open', async (t) => {
  const key = dialbackKey(SECRET, { receiving: 'target.example', originating: PEER, streamId: 's1' });
  const { text, closed } = await exchange(
    [
      HEADER(),
      `<db:verify from='target.example' to='${PEER}' id='s1'>${key}</db:verify>`,
      `<db:verify from='target.example' to='${PEER}' id='s1'>${key.replace(/.$/, key.endsWith('0') ? '1' : '0')}</db:verify>`,
      `<db:verify from='target.example' to='stranger.example' id='s1'>${key}</db:verify>`,
    ],
    { waitMs: 500 },
  );
  t.match(text, /id="s1" type="valid"/);
  t.match(text, /id="s1" type="invalid"/);
  t.match(text, /type="error"><error type="cancel"><item-not-found/);
  t.notOk(closed, 'dialback answers never close the stream');
});

t.test('a silent connection is closed with connection-timeout', async (t) => {
  const { text, closed } = await exchange([]);
  t.equal(streamError(text), 'connection-timeout');
  t.ok(closed);
});

t.test('connections beyond the cap are refused; the listener keeps serving', async (t) => {
  const sockets = await Promise.all(
    Array.from({ length: 25 }, () => new Promise<net.Socket>((resolve) => {
      const s = net.connect(listener.address.port, listener.address.host, () => resolve(s));
      s.on('error', () => undefined);
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.ok(listener.connections <= 20, `at most 20 held (${listener.connections})`);
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => setTimeout(resolve, 100));
  const { text } = await exchange([HEADER()], { waitMs: 300 });
  t.match(text, /<stream:features>/, 'still answering afterwards');
  t.same(delivered, [], 'nothing hostile was delivered to a remote user');
});

t.test('a flood of db:verify is answered up to the per-stream limit, then the stream ends', async (t) => {
  const key = dialbackKey(SECRET, { receiving: 'target.example', originating: PEER, streamId: 's1' });
  const verify = `<db:verify from='target.example' to='${PEER}' id='s1'>${key}</db:verify>`;
  const { text, closed } = await exchange([HEADER(), verify.repeat(1500)]);
  t.equal(text.match(/type="valid"/g)?.length, 1000, 'the first 1000 answered');
  t.equal(streamError(text), 'policy-violation');
  t.match(text, /more than 1000 dialback requests on one stream/);
  t.ok(closed);
});
