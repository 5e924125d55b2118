/**
 * The TLS checks' own handshake path and certificate reading, against a FAKE direct-TLS server
 * (a throwaway CA, TLS 1.2–1.3 only): what counts as refused, unverified, or a client problem.
 */
import net from 'node:net';
import tls from 'node:tls';
import t, { type Test } from 'tap';
import { certificateFacts, signatureAlgorithm } from '../../../src/checks/tls/certificate.js';
import { handshake } from '../../../src/checks/tls/handshake.js';
import { handshakeProblem } from '../../../src/checks/tls/handshake-blame.js';
import { judgeThrown } from '../../../src/checks/blame.js';
import type { CheckTarget } from '../../../src/checks/types.js';
import { makePki } from '../xmpp/fixtures/pki.js';

const pki = makePki('a.example');

async function fakeTlsServer(t: Test): Promise<CheckTarget> {
  const server = tls.createServer({ cert: pki.certPem, key: pki.keyPem, minVersion: 'TLSv1.2' }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  return { domain: 'a.example', host: '127.0.0.1', port, directTlsPort: port, caPem: pki.caPem };
}

t.test('a verified TLS 1.2 handshake reports protocol, suite and certificate', async (t) => {
  const result = await handshake(await fakeTlsServer(t), { directTls: true, version: 'TLSv1.2' });
  if (!result.ok) return t.fail(`${result.stage}: ${result.error}`);
  t.equal(result.protocol, 'TLSv1.2');
  t.match(result.certificate.subjectaltname, 'DNS:a.example');
});

t.test('a version the server does not speak is "refused"', async (t) => {
  const result = await handshake(await fakeTlsServer(t), { directTls: true, version: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' });
  t.match(result, { ok: false, stage: 'refused' });
});

t.test('a certificate for another name is "unverified", not refused', async (t) => {
  const result = await handshake(await fakeTlsServer(t), { directTls: true, servername: 'b.example' });
  t.match(result, { ok: false, stage: 'unverified', error: /ALTNAME/ });
});

t.test('an untrusted CA is "unverified"', async (t) => {
  const target = { ...(await fakeTlsServer(t)), caPem: pki.otherCaPem };
  t.match(await handshake(target, { directTls: true }), { ok: false, stage: 'unverified' });
});

t.test('a cipher string this client cannot offer is a client problem, never the server\'s', async (t) => {
  t.match(await handshake(await fakeTlsServer(t), { directTls: true, version: 'TLSv1.2', ciphers: 'RC4' }), { ok: false, stage: 'client' });
});

t.test('no direct-TLS port known: a client problem', async (t) => {
  const target = { ...(await fakeTlsServer(t)), directTlsPort: undefined };
  t.match(await handshake(target, { directTls: true }), { ok: false, stage: 'client' });
});

/** A FAKE STARTTLS server that answers <starttls/> with `answer` and then drops TCP. */
async function closingStarttlsServer(t: Test, answer: string): Promise<CheckTarget> {
  const server = net.createServer((socket) => {
    socket.once('data', () => {
      socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='x' from='a.example' version='1.0'>" +
        "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>");
      socket.once('data', () => (answer ? socket.end(answer) : socket.destroy()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as { port: number };
  return { domain: 'a.example', host: '127.0.0.1', port, caPem: pki.caPem };
}

t.test('STARTTLS cut short: a stream error or </stream:stream> is the server\'s fault; a bare TCP close is not', async (t) => {
  const cases = [
    ["<stream:error><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>", 'fail', /^server fault: server-closed: the server closed the stream before <proceed\/>, with stream error <internal-server-error\/>$/],
    ['</stream:stream>', 'fail', /^server fault: server-closed: the server closed the stream before <proceed\/>$/],
    ['', 'error', /^tool or network problem: starttls: the server closed the connection before <proceed\/>$/],
  ] as const;
  for (const [answer, verdict, reason] of cases) {
    const result = await handshake(await closingStarttlsServer(t, answer), { timeoutMs: 5000 });
    if (result.ok) return t.fail('the handshake completed');
    const judged = judgeThrown('MUST', handshakeProblem(result));
    t.equal(judged.verdict, verdict, judged.reason);
    t.match(judged.reason, reason);
  }
});

t.test('certificate facts: EC key, ECDSA-SHA256 signature, and a short validity is flagged', async (t) => {
  const result = await handshake(await fakeTlsServer(t), { directTls: true });
  if (!result.ok) return t.fail(result.error);
  t.equal(signatureAlgorithm(result.certificate.raw), 'ecdsa-with-SHA256');
  const { facts, weaknesses } = certificateFacts(result.certificate);
  t.match(facts.join(', '), /EC (prime256v1|P-256) key, ecdsa-with-SHA256 signature, valid \d+ more days, chain of 2/);
  t.match(weaknesses, [/expires in \d+ days/], 'the one-day test certificate is about to expire');
});
