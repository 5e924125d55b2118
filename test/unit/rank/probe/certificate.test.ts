import t from 'tap';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type tls from 'node:tls';
import { certificateFacts } from '../../../../src/rank/probe/certificate.js';

/** A self-signed certificate from the openssl CLI with the given key and subjectAltName. */
function certificate(key: string[], altNames: string, days = 10): tls.DetailedPeerCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'rank-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', ...key, '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', String(days), '-subj', '/CN=cn.example', '-addext', `subjectAltName=${altNames}`], { stdio: 'ignore' });
    return new X509Certificate(readFileSync(join(dir, 'c.pem'))).toLegacyObject() as tls.DetailedPeerCertificate;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const trusted = { authorized: true };

t.test('DNS-ID matches the domain; key type and size read from the key', async (t) => {
  const facts = certificateFacts(certificate(['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'DNS:example.org'), 'example.org', trusted);
  t.match(facts, { trusted: true, identityMatches: true, identityKinds: ['DNS-ID', 'CN'], keyType: 'EC', keyBits: 256, signatureAlgorithm: 'ecdsa-with-SHA256' });
  t.ok(facts.daysToExpiry >= 9 && facts.daysToExpiry <= 10, `${facts.daysToExpiry} days`);
  t.equal(certificateFacts(certificate(['ed25519'], 'DNS:example.org'), 'example.org', trusted).keyType, 'Ed25519');
});

t.test('an SRV-ID for _xmpp-client or _xmpp-server matches without a DNS-ID (RFC 6125 §6)', async (t) => {
  const cert = certificate(['ec', '-pkeyopt', 'ec_paramgen_curve:P-384'], 'otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-client.example.org,otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org');
  const facts = certificateFacts(cert, 'example.org', trusted);
  t.match(facts, { identityMatches: true, keyBits: 384 });
  t.same(facts.identityKinds, ['SRV-ID', 'XmppAddr', 'CN']);
  t.equal(certificateFacts(cert, 'other.org', trusted).identityMatches, false, 'another domain does not match');
});

t.test('a mismatched name and the trust verdict are reported as given', async (t) => {
  const facts = certificateFacts(certificate(['ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'DNS:wrong.example'), 'example.org', { authorized: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  t.match(facts, { trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', identityMatches: false });
});
