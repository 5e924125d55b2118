import t from 'tap';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { labCa } from '../../../src/lab/ca.js';

t.test('the lab CA is one per process and on disk', async (t) => {
  const ca = await labCa();
  t.equal(await labCa(), ca, 'memoised');
  t.equal(readFileSync(ca.certFile, 'utf8'), ca.certPem);
  const cert = new X509Certificate(ca.certPem);
  t.ok(cert.ca, 'is a CA');
  t.ok(cert.verify(cert.publicKey), 'self-signed');
});

t.test('issued certificates name every domain and chain to the CA', async (t) => {
  const ca = await labCa();
  const issued = ca.issue(['a.lab.example', 'b.lab.example'], { clientAuth: true });
  const cert = new X509Certificate(issued.certPem);
  const caCert = new X509Certificate(ca.certPem);
  t.ok(cert.verify(caCert.publicKey), 'signed by the CA');
  t.ok(cert.checkIssued(caCert), 'issuer matches');
  t.notOk(cert.ca);
  t.equal(cert.subjectAltName, 'DNS:a.lab.example, DNS:b.lab.example');
  t.equal(cert.checkHost('b.lab.example'), 'b.lab.example');
  t.same(cert.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'], 'serverAuth and clientAuth');
  const key = createPrivateKey(issued.keyPem);
  t.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
  t.ok(cert.checkPrivateKey(key), 'key matches certificate');
  const now = Date.now();
  t.ok(Date.parse(cert.validFrom) < now - 12 * 3_600_000, 'valid since yesterday');
  t.ok(Date.parse(cert.validTo) > now + 360 * 86_400_000, 'valid for about a year');
});

t.test('clientAuth is only added when asked', async (t) => {
  const ca = await labCa();
  const cert = new X509Certificate(ca.issue(['only.lab.example']).certPem);
  t.same(cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
});

t.test('an expired certificate when asked: still signed by the CA, valid until 30 days ago', async (t) => {
  const ca = await labCa();
  const cert = new X509Certificate(ca.issue(['expired.lab.example'], { expired: true }).certPem);
  t.ok(cert.verify(new X509Certificate(ca.certPem).publicKey), 'signed by the CA');
  const daysLeft = (Date.parse(cert.validTo) - Date.now()) / 86_400_000;
  t.ok(daysLeft < -29 && daysLeft > -31, `expired ${Math.round(-daysLeft)} days ago`);
  t.ok(Date.parse(cert.validFrom) < Date.parse(cert.validTo), 'a real validity window');
});
