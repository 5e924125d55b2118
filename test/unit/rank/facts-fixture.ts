/** Hand-built HostFacts shaped like what the probes report for the lab's baseline and its variants. */
import type { CertificateFacts, HostFacts, TlsFacts } from '../../../src/rank/facts.js';

export const GOOD_CERT: CertificateFacts = {
  trusted: true, identityMatches: true, identityKinds: ['DNS-ID'], subject: 'CN=baseline.example', issuer: 'CN=Lab CA',
  notAfter: '2027-12-01T00:00:00Z', daysToExpiry: 360, keyType: 'RSA', keyBits: 2048,
};

export function tls(over: Partial<TlsFacts> = {}): TlsFacts {
  return {
    mode: 'starttls', host: '127.0.0.1', port: 5222,
    versionsAccepted: ['TLSv1.2', 'TLSv1.3'], versionsRefused: ['TLSv1', 'TLSv1.1'],
    ciphers: [
      { version: 'TLSv1.3', name: 'TLS_AES_256_GCM_SHA384', bits: 256, forwardSecret: true },
      { version: 'TLSv1.2', name: 'ECDHE-RSA-AES128-GCM-SHA256', bits: 128, forwardSecret: true },
    ],
    groups: ['x25519'], minCipherBits: 128, acceptsAnonymousOrNull: false, certificate: GOOD_CERT,
    ...over,
  };
}

/** Prosody baseline: TLS 1.2+1.3, SCRAM, STARTTLS required, federation working. */
export function baseline(domain = 'baseline.example', over: Partial<HostFacts> = {}): HostFacts {
  return {
    domain, probedAt: '2026-12-07T04:00:00Z', durationMs: 1200,
    c2sTls: [tls()], s2sTls: [tls({ port: 5269 })],
    features: {
      startTlsOffered: true, startTlsRequired: true, mechanismsBeforeTls: [], mechanismsAfterTls: ['SCRAM-SHA-1', 'PLAIN'],
      channelBindingTypes: [], sasl2: false, fast: false, registrationOffered: false, registrationFields: [],
      streamManagement: true, csi: true, rosterVersioning: true,
    },
    federation: { observer: 'observer.example', reachable: true, tlsOffered: true, tlsRequired: true, dialbackAccepted: true, externalAccepted: false, dialedBack: true },
    inventory: {
      features: ['http://jabber.org/protocol/disco#info', 'urn:xmpp:carbons:2', 'urn:xmpp:blocking', 'vcard-temp'],
      identities: [{ category: 'server', type: 'im' }, { category: 'pubsub', type: 'pep' }],
      items: [], contacts: {},
    },
    unknown: {},
    evidence: [
      { probe: 'TLS handshakes to 127.0.0.1:5222 after STARTTLS', seen: 'TLSv1.2 TLSv1.3 accepted', facts: ['c2sTls[0]'] },
      { probe: 'stream features before TLS', seen: '<starttls><required/></starttls>', facts: ['features.startTlsRequired', 'features.mechanismsBeforeTls'] },
    ],
    ...over,
  };
}

/** tls-legacy: TLS 1.0 and 1.1 accepted besides 1.2. */
export function tlsLegacy(): HostFacts {
  const legacy = tls({ versionsAccepted: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'], versionsRefused: [] });
  return baseline('tls-legacy.example', { c2sTls: [legacy], s2sTls: [{ ...legacy, port: 5269 }] });
}

/** plain-before-tls: STARTTLS optional and PLAIN offered on the cleartext stream. */
export function plainBeforeTls(): HostFacts {
  const b = baseline('plain-before-tls.example');
  return { ...b, features: { ...b.features!, startTlsRequired: false, mechanismsBeforeTls: ['PLAIN', 'SCRAM-SHA-1'] } };
}
