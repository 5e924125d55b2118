import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

/** A private certificate authority for lab servers and simulated peers. */
export interface LabCa {
  certPem: string;
  keyPem: string;
  /** The CA certificate on disk: what clients and servers are told to trust. */
  certFile: string;
  /** `expired`: valid until 30 days ago (rank's expired-certificate host). */
  issue(names: string[], options?: { clientAuth?: boolean; expired?: boolean }): IssuedCertificate;
}

const DAY_MS = 86_400_000;

/** RSA keys from Node's native generator: forge's pure-JS one takes seconds. */
function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

function baseCertificate(publicKey: forge.pki.PublicKey, commonName: string, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: the first byte's high bit clear.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  return cert;
}

function createCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey; keyPem: string } {
  const { privateKey, publicKey, keyPem } = newKeyPair();
  const cert = baseCertificate(publicKey, 'xmpp-gauntlet lab CA', 2);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { cert, key: privateKey, keyPem };
}

function issueWith(ca: ReturnType<typeof createCa>, names: string[], clientAuth: boolean, expired = false): IssuedCertificate {
  if (names.length === 0) throw new Error('a certificate needs at least one name');
  const { publicKey, keyPem } = newKeyPair();
  const cert = baseCertificate(publicKey, names[0]!, 1);
  if (expired) {
    cert.validity.notBefore = new Date(Date.now() - 90 * DAY_MS);
    cert.validity.notAfter = new Date(Date.now() - 30 * DAY_MS);
  }
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth },
    { name: 'subjectAltName', altNames: names.map((value) => ({ type: 2, value })) },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

let shared: Promise<LabCa> | undefined;

/** The process-wide lab CA (created on first use, written to a temp directory). */
export function labCa(): Promise<LabCa> {
  shared ??= (async () => {
    const ca = createCa();
    const certPem = forge.pki.certificateToPem(ca.cert);
    const dir = await mkdtemp(join(tmpdir(), 'gauntlet-ca-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const certFile = join(dir, 'ca.pem');
    await writeFile(certFile, certPem);
    return {
      certPem,
      keyPem: ca.keyPem,
      certFile,
      issue: (names, options = {}) => issueWith(ca, names, options.clientAuth ?? false, options.expired),
    };
  })();
  return shared;
}

/**
 * A CA kept in `dir` (ca.pem, ca.key; created on first use): what a server the tool did not start
 * is told to trust once for the simulated peers' certificates, and then across runs.
 */
export async function persistentCa(dir: string): Promise<LabCa> {
  const certFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca.key');
  let ca: ReturnType<typeof createCa>;
  try {
    const [certPem, keyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
    ca = { cert: forge.pki.certificateFromPem(certPem), key: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, keyPem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    ca = createCa();
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(keyFile, ca.keyPem, { mode: 0o600, flag: 'wx' });
    await writeFile(certFile, forge.pki.certificateToPem(ca.cert), { flag: 'wx' });
  }
  const created = ca;
  return {
    certPem: forge.pki.certificateToPem(created.cert),
    keyPem: created.keyPem,
    certFile,
    issue: (names, options = {}) => issueWith(created, names, options.clientAuth ?? false, options.expired),
  };
}
