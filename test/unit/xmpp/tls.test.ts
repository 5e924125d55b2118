import t, { type Test } from 'tap';
import net from 'node:net';
import tls from 'node:tls';
import { once } from 'node:events';
import { connectTcp } from '../../../src/xmpp/connect.js';
import { secureSocket } from '../../../src/xmpp/tls.js';
import { makePki } from './fixtures/pki.js';

const pki = makePki('a.example');

/** A loopback server; `handler` gets each raw connection. */
async function listen(t: Test, handler: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

/** A TLS server with the a.example certificate; records the SNI names it sees. */
async function tlsServer(t: Test, sniSeen: string[] = []): Promise<number> {
  const context = { cert: pki.certPem, key: pki.keyPem };
  return listen(t, (raw) => {
    const secure = new tls.TLSSocket(raw, { isServer: true, ...context, SNICallback: (name, cb) => {
      sniSeen.push(name);
      cb(null, tls.createSecureContext(context));
    } });
    secure.on('error', () => raw.destroy());
    secure.on('secure', () => secure.end());
  });
}

async function handshake(port: number, options: { domain: string; ca?: string; timeoutMs?: number }) {
  const socket = await connectTcp({ host: '127.0.0.1', port, timeoutMs: 2000 });
  return secureSocket(socket, { timeoutMs: 2000, ...options });
}

t.test('verifies against the given CA and sends the domain as SNI', async (t) => {
  const sni: string[] = [];
  const port = await tlsServer(t, sni);
  const secure = await handshake(port, { domain: 'a.example', ca: pki.caPem });
  t.ok(secure.authorized);
  t.same(sni, ['a.example']);
  secure.destroy();
});

t.test('classifies an untrusted chain, a wrong name, a non-TLS peer, a silent peer', async (t) => {
  const port = await tlsServer(t);
  await t.rejects(handshake(port, { domain: 'a.example', ca: pki.otherCaPem }), { name: 'XmppConnectError', reason: 'tls-untrusted', code: 'unreachable' });
  await t.rejects(handshake(port, { domain: 'a.example' }), { name: 'XmppConnectError', reason: 'tls-untrusted' }, 'default roots do not know the lab CA');
  await t.rejects(handshake(port, { domain: 'b.example', ca: pki.caPem }), { name: 'XmppConnectError', reason: 'tls-hostname' });

  const plain = await listen(t, (socket) => socket.end('<stream:stream>not tls at all</stream:stream>'));
  await t.rejects(handshake(plain, { domain: 'a.example', ca: pki.caPem }), { name: 'XmppConnectError', reason: 'tls-handshake' });

  const silent = await listen(t, () => undefined);
  await t.rejects(handshake(silent, { domain: 'a.example', ca: pki.caPem, timeoutMs: 100 }), { name: 'XmppConnectError', reason: 'timeout' });
});

t.test('TCP failures: refused and unknown host', async (t) => {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const freePort = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  await t.rejects(connectTcp({ host: '127.0.0.1', port: freePort, timeoutMs: 1000 }), { name: 'XmppConnectError', reason: 'refused' });
  await t.rejects(connectTcp({ host: 'no-such-host.invalid', port: 5222, timeoutMs: 5000 }), { name: 'XmppConnectError', reason: 'dns' });
});
