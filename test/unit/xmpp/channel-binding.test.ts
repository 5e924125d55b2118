import t, { type Test } from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate, createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { once } from 'node:events';
import { availableBindings, channelBindingData, signatureHash, serverEndPoint } from '../../../src/xmpp/channel-binding.js';
import { secureSocket } from '../../../src/xmpp/tls.js';
import { connectTcp } from '../../../src/xmpp/connect.js';
import { makePki, type Pki } from './fixtures/pki.js';

/** A throwaway self-signed certificate in DER, signed with the given key type and digest. */
function certificate(keyArgs: string[], digest: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'gauntlet-cb-'));
  try {
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-nodes', ...keyArgs, `-${digest}`, '-days', '1',
      '-subj', '/CN=a.example', '-keyout', join(dir, 'key.pem'), '-out', cert,
    ], { stdio: 'ignore' });
    return new X509Certificate(readFileSync(cert)).raw;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];

t.test('tls-server-end-point hashes with the certificate signature hash', async (t) => {
  const sha384 = certificate(ecKey, 'sha384');
  t.equal(signatureHash(sha384), 'sha384');
  t.equal(signatureHash(certificate(ecKey, 'sha512')), 'sha512');
  t.equal(signatureHash(certificate(ecKey, 'sha256')), 'sha256');
  t.equal(signatureHash(certificate(ecKey, 'sha1')), 'sha256', 'SHA-1 is upgraded to SHA-256');
  t.equal(signatureHash(certificate(['-newkey', 'rsa:1024'], 'sha384')), 'sha384', 'RSA with a long DER length');
  t.equal(serverEndPoint(sha384).length, 48);
});

/** A verified loopback TLS connection: [server side, client side]. */
async function tlsPair(t: Test, pki: Pki, maxVersion: tls.SecureVersion): Promise<[tls.TLSSocket, tls.TLSSocket]> {
  let serverSide: Promise<tls.TLSSocket> | undefined;
  const server = net.createServer((raw) => {
    const secure = new tls.TLSSocket(raw, { isServer: true, cert: pki.certPem, key: pki.keyPem });
    t.teardown(() => secure.destroy());
    serverSide = once(secure, 'secure').then(() => secure);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const socket = await connectTcp({ host: '127.0.0.1', port, timeoutMs: 2000 });
  const client = await secureSocket(socket, { domain: 'a.example', ca: pki.caPem, timeoutMs: 2000, maxVersion });
  t.teardown(() => client.destroy());
  server.close();
  return [await serverSide!, client];
}

t.test('both ends of a TLS connection compute the same binding data', async (t) => {
  const pki = makePki('a.example');
  const leaf = new X509Certificate(pki.certPem).raw;
  for (const version of ['TLSv1.3', 'TLSv1.2'] as const) {
    const [server, client] = await tlsPair(t, pki, version);
    t.equal(availableBindings(client)[0], version === 'TLSv1.3' ? 'tls-exporter' : 'tls-unique', `${version} preference`);
    const serverExporter = server.exportKeyingMaterial(32, 'EXPORTER-Channel-Binding', undefined as unknown as Buffer);
    t.same(channelBindingData(client, 'tls-exporter'), serverExporter, `${version} tls-exporter`);
    t.same(channelBindingData(client, 'tls-server-end-point'), createHash('sha256').update(leaf).digest(), `${version} tls-server-end-point`);
    if (version === 'TLSv1.2') t.same(channelBindingData(client, 'tls-unique'), server.getPeerFinished(), 'tls-unique');
  }
});
