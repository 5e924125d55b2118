// Issue 13: a db:result repeated on one inbound s2s stream starts one dial-back per (stream, domain
// pair) while the first is in flight, and the listener bounds its dial-backs in flight overall.
// The authoritative server is a FAKE: a TCP sink that counts the dial-backs reaching it and holds
// them open, so they stay in flight until the test lets them go. TLS is left off (requireTls:
// false) because the rule under test sits after it; listener-hostile covers dialback before TLS.
import t from 'tap';
import net from 'node:net';
import { labCa } from '../../../src/lab/ca.js';
import { S2sListener } from '../../../src/s2s/listener.js';
import { PeerCertificates } from '../../../src/s2s/peer-certificates.js';

const PEER = 'peer1.gauntlet.example';
const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0' to='${PEER}' from='target.example'>`;
const result = (from: string) => `<db:result from='${from}' to='${PEER}'>0123456789abcdef</db:result>`;

/** The fake authoritative server: counts the dial-backs (connections) reaching it and holds them open. */
async function silentAuthority() {
  const held = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    held.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get dialbacks() {
      return held.size;
    },
    release: () => held.forEach((socket) => socket.destroy()),
    close: () => new Promise((resolve) => (held.forEach((socket) => socket.destroy()), server.close(resolve))),
  };
}

const until = async (condition: () => boolean, ms = 3_000) => {
  for (const end = Date.now() + ms; !condition() && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 20));
};

t.test('one dial-back in flight per (stream, domain pair); bounded per listener', async (t) => {
  const authority = await silentAuthority();
  const listener = await S2sListener.start({
    isPeerDomain: (domain) => domain === PEER,
    secret: 'unit-test-secret',
    certificates: new PeerCertificates(await labCa()),
    authorityFor: async () => ({ host: '127.0.0.1', port: authority.port }),
    deliver: () => undefined,
    requireTls: false,
    timeoutMs: 10_000,
    limits: { maxDialbacksInFlight: 3 },
  });
  t.teardown(async () => {
    await authority.close();
    await listener.close();
  });
  const socket = net.connect(listener.address.port, listener.address.host);
  socket.on('error', () => undefined);
  let received = '';
  socket.setEncoding('utf8').on('data', (data: string) => (received += data));
  await new Promise((resolve) => socket.on('connect', resolve));
  t.teardown(() => socket.destroy());

  socket.write(HEADER + result('a.target.example').repeat(200));
  await until(() => authority.dialbacks >= 1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(authority.dialbacks, 1, '200 db:results for one pair: one dial-back');

  socket.write(result('b.target.example').repeat(50) + result('a.target.example').repeat(50) + result('c.target.example'));
  await until(() => authority.dialbacks >= 3);
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(authority.dialbacks, 3, 'another pair gets its own dial-back; repeats of either do not');
  t.notMatch(received, /resource-constraint/, 'three in flight: at the bound, not over it');

  socket.write(result('d.target.example'));
  await until(() => /resource-constraint/.test(received));
  t.match(received, /<db:result from="peer1.gauntlet.example" to="d.target.example" type="error"><error type="wait"><resource-constraint/, 'a fourth pair is refused while three are in flight');
  t.equal(authority.dialbacks, 3, 'and dials nobody');

  // The authority drops the three: each pair gets one answer, however often it was asked.
  authority.release();
  await until(() => (received.match(/remote-server-not-found/g) ?? []).length >= 3);
  await new Promise((resolve) => setTimeout(resolve, 300));
  for (const domain of ['a', 'b', 'c']) {
    const answers = received.match(new RegExp(`to="${domain}.target.example" type="error"><error type="cancel"><remote-server-not-found`, 'g')) ?? [];
    t.equal(answers.length, 1, `${domain}.target.example: one answer`);
  }

  const before = authority.dialbacks;
  socket.write(result('a.target.example'));
  await until(() => authority.dialbacks > before);
  t.equal(authority.dialbacks, before + 1, 'once its dial-back ended, the pair may be verified again');
});
