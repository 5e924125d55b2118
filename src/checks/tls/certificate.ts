/** B10: the server certificate — valid for the domain (MUST), and its strength recorded (INFO). */
import type tls from 'node:tls';
import { signatureAlgorithmOid } from '../../xmpp/index.js';
import type { CheckDefinition } from '../types.js';
import { handshake } from './handshake.js';
import { handshakeProblem } from './handshake-blame.js';

/** Signature algorithm OIDs (DER content bytes, hex) to names. */
const SIGNATURES: Record<string, string> = {
  '2a864886f70d010104': 'md5WithRSA',
  '2a864886f70d010105': 'sha1WithRSA',
  '2a864886f70d01010a': 'RSASSA-PSS',
  '2a864886f70d01010b': 'sha256WithRSA',
  '2a864886f70d01010c': 'sha384WithRSA',
  '2a864886f70d01010d': 'sha512WithRSA',
  '2a8648ce3d0401': 'ecdsa-with-SHA1',
  '2a8648ce3d040302': 'ecdsa-with-SHA256',
  '2a8648ce3d040303': 'ecdsa-with-SHA384',
  '2a8648ce3d040304': 'ecdsa-with-SHA512',
  '2b6570': 'Ed25519',
};

/** The certificate's signature algorithm by name (or its OID when unlisted). */
export function signatureAlgorithm(raw: Buffer): string {
  const oid = signatureAlgorithmOid(raw);
  return SIGNATURES[oid] ?? `OID ${oid}`;
}

/** Facts a grade would use, and the weaknesses among them. */
export function certificateFacts(certificate: tls.DetailedPeerCertificate, now = Date.now()): { facts: string[]; weaknesses: string[] } {
  const weaknesses: string[] = [];
  const curve = certificate.asn1Curve ?? certificate.nistCurve;
  const key = curve ? `EC ${curve}` : `RSA ${certificate.bits ?? '?'}-bit`;
  if (!curve && (certificate.bits ?? 0) < 2048) weaknesses.push(`${key} key (under 2048 bits)`);
  const signature = signatureAlgorithm(certificate.raw);
  if (/md5|sha1/i.test(signature)) weaknesses.push(`${signature} signature`);
  const daysLeft = Math.floor((Date.parse(certificate.valid_to) - now) / 86_400_000);
  if (daysLeft < 14) weaknesses.push(`expires in ${daysLeft} days`);
  let chain = 1;
  for (let cert = certificate; cert.issuerCertificate && cert.issuerCertificate !== cert; cert = cert.issuerCertificate) chain++;
  return { facts: [`${key} key`, `${signature} signature`, `valid ${daysLeft} more days`, `chain of ${chain}`], weaknesses };
}

const certificateIdentity: CheckDefinition = {
  id: 'rfc6120.tls.certificate-identity',
  title: 'The certificate chains to a trusted root, is in date and names the domain',
  area: 'tls',
  level: 'MUST',
  spec: [{ doc: 'RFC 6120', section: '13.7.2.1' }, { doc: 'RFC 6125', section: '6' }, { doc: 'RFC 9525', section: '6' }],
  legacy: [{ doc: 'RFC 3920', section: '5' }],
  tags: ['tls', 'certificate'],
  async run(ctx) {
    const result = await handshake(ctx.target);
    if (!result.ok && result.stage === 'unverified') return { outcome: 'violation', reason: `the certificate for ${ctx.target.domain} does not verify: ${result.error}` };
    if (!result.ok) throw handshakeProblem(result);
    const { certificate } = result;
    return {
      outcome: 'pass',
      reason: `verified for ${ctx.target.domain}: ${certificate.subjectaltname ?? `CN=${certificate.subject.CN}`}, issued by ${certificate.issuer.CN ?? 'an unnamed CA'}, valid until ${certificate.valid_to}`,
    };
  },
};

const certificateStrength: CheckDefinition = {
  id: 'rfc6120.tls.certificate-strength',
  title: 'Certificate strength: key type and size, signature hash, remaining validity',
  area: 'tls',
  level: 'INFO',
  spec: [{ doc: 'RFC 6120', section: '13.7.1.2' }],
  tags: ['tls', 'certificate', 'grade'],
  async run(ctx) {
    const result = await handshake(ctx.target);
    if (!result.ok) return { outcome: 'skip', reason: `no verified handshake to read the certificate from (${result.stage}: ${result.error})` };
    const { facts, weaknesses } = certificateFacts(result.certificate);
    return { outcome: 'info', reason: `${facts.join(', ')}${weaknesses.length ? `; weak: ${weaknesses.join(', ')}` : '; no weakness found'}` };
  },
};

export const certificateChecks: readonly CheckDefinition[] = [certificateIdentity, certificateStrength];
