/**
 * Certificate facts from one observed handshake: trust (as OpenSSL judged it against the given
 * roots or CA file), identity per RFC 6125/9525 for the XMPP domain, expiry, key type and size.
 */
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { signatureAlgorithm } from '../../checks/tls/certificate.js';
import type { CertificateFacts } from '../facts.js';

type IdentityKind = CertificateFacts['identityKinds'][number];

/** Reference identifiers of RFC 6125 §6 for an XMPP domain: SRV-IDs of both services. */
function srvIdMatches(altNames: string, domain: string): boolean {
  const wanted = [`_xmpp-client.${domain}`, `_xmpp-server.${domain}`].map((s) => s.toLowerCase());
  return altNames.split(/,\s*/).some((name) => {
    const value = /^othername:SRVName:(.*)$/i.exec(name)?.[1]?.toLowerCase();
    return value !== undefined && wanted.includes(value);
  });
}

function kindsIn(altNames: string, certificate: tls.PeerCertificate): IdentityKind[] {
  const kinds: IdentityKind[] = [];
  if (/(^|,\s*)DNS:/.test(altNames)) kinds.push('DNS-ID');
  if (/othername:SRVName:/i.test(altNames)) kinds.push('SRV-ID');
  if (/othername:XmppAddr:/i.test(altNames)) kinds.push('XmppAddr');
  if (certificate.subject?.CN) kinds.push('CN');
  return kinds;
}

function keyOf(raw: Buffer): { keyType: CertificateFacts['keyType']; keyBits: number } {
  const key = new X509Certificate(raw).publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return { keyType: 'RSA', keyBits: details.modulusLength ?? 0 };
    case 'ec': {
      const bits = /(\d{3})/.exec(details.namedCurve ?? '')?.[1];
      return { keyType: 'EC', keyBits: bits ? Number(bits) : 0 };
    }
    case 'ed25519':
      return { keyType: 'Ed25519', keyBits: 256 };
    case 'ed448':
      return { keyType: 'Ed448', keyBits: 456 };
    default:
      return { keyType: 'unknown', keyBits: 0 };
  }
}

function name(entity: tls.Certificate | undefined): string {
  if (!entity) return '';
  return Object.entries(entity).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`).join(', ');
}

export function certificateFacts(certificate: tls.DetailedPeerCertificate, domain: string, trust: { authorized: boolean; trustError?: string }, now = Date.now()): CertificateFacts {
  const altNames = certificate.subjectaltname ?? '';
  // DNS-ID (and CN only when there is no DNS-ID, as Node applies RFC 6125 §6.4.4).
  const dnsIdMatches = tls.checkServerIdentity(domain, certificate) === undefined;
  const notAfter = new Date(certificate.valid_to);
  return {
    trusted: trust.authorized,
    trustError: trust.trustError,
    identityMatches: dnsIdMatches || srvIdMatches(altNames, domain),
    identityKinds: kindsIn(altNames, certificate),
    subject: name(certificate.subject),
    issuer: name(certificate.issuer),
    notAfter: Number.isNaN(notAfter.getTime()) ? certificate.valid_to : notAfter.toISOString(),
    daysToExpiry: Math.floor((notAfter.getTime() - now) / 86_400_000),
    ...keyOf(certificate.raw),
    signatureAlgorithm: signatureAlgorithm(certificate.raw),
  };
}
